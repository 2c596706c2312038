package io.gridwire.oig.sim;

import io.gridwire.oig.codec.OigFrameBuilder;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/**
 * Box frames built from the grammar (protocols/oig.md §4.1–4.3) with the Box's element order and
 * correct CRCs. Values move plausibly with a seeded random source. Not thread-safe.
 */
public final class BoxFrames {
  /** The 5-minute batch, in the Box's order. */
  public static final String[] BATCH = {"tbl_dc_in", "tbl_ac_in", "tbl_ac_out", "tbl_batt", "tbl_boiler", "tbl_box"};
  private static final DateTimeFormatter DT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final long ID_SET_OFFSET = 928_800_000L;

  private final String deviceId;
  private final ZoneId zone;
  private final Random random;

  public BoxFrames(String deviceId, ZoneId zone, long seed) {
    this.deviceId = deviceId;
    this.zone = zone;
    this.random = new Random(seed);
  }

  /** A data table with the Box header, the given data fields in order, and {@code ver}. */
  public byte[] table(String table, Instant at, String... fieldValuePairs) {
    return tableHeader(OigFrameBuilder.create(), table, at, fieldValuePairs).add("ver", ver()).toBytes();
  }

  /** {@code tbl_actual} (Feb-2026 long form fields, a subset). */
  public byte[] actual(Instant at) {
    int load = 400 + random.nextInt(2500);
    int pv = random.nextInt(1400);
    int bat = random.nextInt(5000) - 2500;
    return table("tbl_actual", at, "ENBL", "1", "VIZ", "17", "Temp", fmt(22 + random.nextDouble() * 4, 2),
        "Humid", fmt(20 + random.nextDouble() * 3, 1), "ACO_P", i(load), "FV_P1", i(pv), "FV_P2", "0",
        "ACI_WR", i(load - pv - bat / 3), "ACI_WS", i(random.nextInt(300)), "ACI_WT", i(random.nextInt(300)),
        "BAT_P", i(bat), "FV_PROC", i(pv * 100 / 5300), "BAT_C", i(40 + random.nextInt(60)), "MSC_SELF", "0", "STAT", "0");
  }

  /** One table of the 5-minute batch with plausible fields. */
  public byte[] batchTable(String table, Instant at) {
    return switch (table) {
      case "tbl_dc_in" -> table(table, at, "FV_V1", fmt(300 + random.nextDouble() * 80, 1), "FV_I1", fmt(random.nextDouble() * 4, 1),
          "FV_P1", i(random.nextInt(1400)), "FV_AD", i(random.nextInt(30000)), "FV_AM", "10", "FV_AY", "5398");
      case "tbl_ac_in" -> table(table, at, "ACI_VR", fmt(230 + random.nextDouble() * 12, 1), "ACI_WR", i(random.nextInt(3000) - 500),
          "ACI_F", fmt(49.95 + random.nextDouble() * 0.1, 2), "AC_AD", i(random.nextInt(40000)), "AC_PD", i(random.nextInt(500)));
      case "tbl_ac_out" -> table(table, at, "ACO_VR", fmt(229 + random.nextDouble() * 3, 1), "ACO_P", i(400 + random.nextInt(2500)),
          "ACO_F", "50.00", "EN_DAY", i(random.nextInt(20000)));
      case "tbl_batt" -> table(table, at, "ID_SubD", "0", "BAT_V", fmt(50 + random.nextDouble() * 4, 2),
          "BAT_I", fmt(random.nextDouble() * 80 - 40, 1), "BAT_C", i(40 + random.nextInt(60)), "BAT_T", "21.0");
      case "tbl_boiler" -> table(table, at, "P", "0", "W", "44", "BOJ_AM", "12");
      case "tbl_box" -> table(table, at, "Temp", "24.1", "Humid", "21.0", "STRNGHT", i(-40 - random.nextInt(10)), "TMLASTCALL", "5");
      default -> table(table, at, "VAL", i(random.nextInt(100)));
    };
  }

  /** The short {@code IsNewSet} poll. */
  public byte[] isNewSet() {
    return OigFrameBuilder.create().add("Result", "IsNewSet").add("ID_Device", deviceId)
        .add("Lat", i(400 + random.nextInt(3000))).add("ver", ver()).toBytes();
  }

  /** The newer firmware's {@code IsNewSet} that carries a whole {@code tbl_actual}. */
  public byte[] isNewSetWithActual(Instant at) {
    OigFrameBuilder b = OigFrameBuilder.create().add("Result", "IsNewSet").add("ID_Device", deviceId).add("Lat", "636");
    return tableHeader(b, "tbl_actual", at, "ENBL", "1", "ACO_P", "700", "BAT_C", "100").add("ver", ver()).toBytes();
  }

  public byte[] isNewWeather() {
    return OigFrameBuilder.create().add("Result", "IsNewWeather").add("ID_Device", deviceId)
        .add("Geobaseid", "3072325").add("LoadedOn", "2025-12-07 01:06:59").add("ver", ver()).toBytes();
  }

  /** The firmware poll: {@code IsNewFW} with the running firmware and an empty {@code Up}. */
  public byte[] isNewFW() {
    return OigFrameBuilder.create().add("Result", "IsNewFW").add("ID_Device", deviceId)
        .add("Fw", "v.4.4.43.0716").add("Up", "").add("ver", ver()).toBytes();
  }

  /** End of a batch: {@code END … All data sent}. */
  public byte[] endOfBatch(Instant at) {
    return OigFrameBuilder.create().add("Result", "END").add("Rdt", local(at)).add("Reason", "All data sent")
        .add("ver", ver()).toBytes();
  }

  /** The Box's confirmation of a cloud setting. */
  public byte[] settingAck(Instant at) {
    return OigFrameBuilder.create().add("Result", "ACK").add("Rdt", local(at)).add("Reason", "Setting")
        .add("Tmr", "100").add("ver", ver()).toBytes();
  }

  /** The box refusing a setting: {@code NACK} with a reason ({@code WC}: wrong checksum), as in oig.md §4.3. */
  public byte[] settingNack(String reason) {
    return OigFrameBuilder.create().add("Result", "NACK").add("Reason", reason).toBytes();
  }

  /** {@code tbl_events} reporting a remotely applied setting. */
  public byte[] settingApplied(Instant at, String table, String item, String oldValue, String newValue) {
    OigFrameBuilder b = OigFrameBuilder.create().add("TblName", "tbl_events").add("Reason", "Table")
        .add("ID_Device", deviceId).add("ID_Set", idSet(at)).add("DT", local(at)).add("Type", "Setting")
        .add("Confirm", "NoNeed").add("Content", "Remotely : " + table + " / " + item + ": [" + oldValue + "]->[" + newValue + "]");
    return b.add("ver", ver()).toBytes();
  }

  private OigFrameBuilder tableHeader(OigFrameBuilder b, String table, Instant at, String... kv) {
    b.add("TblName", table).add("ID_Set", idSet(at)).add("DT", local(at)).add("Reason", "Table").add("ID_Device", deviceId);
    for (int k = 0; k + 1 < kv.length; k += 2) b.add(kv[k], kv[k + 1]);
    return b;
  }

  private String idSet(Instant at) {
    LocalDateTime local = LocalDateTime.ofInstant(at, zone);
    return Long.toString(local.toEpochSecond(ZoneOffset.UTC) - ID_SET_OFFSET);
  }

  private String local(Instant at) {
    return DT.format(at.atZone(zone));
  }

  private String ver() {
    return String.format("%05d", random.nextInt(65536));
  }

  private static String i(int v) {
    return Integer.toString(v);
  }

  private static String fmt(double v, int decimals) {
    return String.format(java.util.Locale.ROOT, "%." + decimals + "f", v);
  }
}
