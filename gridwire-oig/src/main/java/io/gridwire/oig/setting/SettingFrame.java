package io.gridwire.oig.setting;

import io.gridwire.oig.codec.OigFrameBuilder;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * A {@code Setting} frame as the cloud sends it to a box (protocols/oig.md §5), with the CRC.
 *
 * <pre>
 *  &lt;Frame&gt;&lt;ID&gt;13589888&lt;/ID&gt;&lt;ID_Device&gt;2206237016&lt;/ID_Device&gt;&lt;ID_Set&gt;1765399208&lt;/ID_Set&gt;&lt;ID_SubD&gt;0&lt;/ID_SubD&gt;
 *  &lt;DT&gt;10.12.2025 21:40:08&lt;/DT&gt;&lt;NewValue&gt;3&lt;/NewValue&gt;&lt;Confirm&gt;New&lt;/Confirm&gt;&lt;TblName&gt;tbl_box_prms&lt;/TblName&gt;
 *  &lt;TblItem&gt;MODE&lt;/TblItem&gt;&lt;ID_Server&gt;5&lt;/ID_Server&gt;&lt;mytimediff&gt;0&lt;/mytimediff&gt;&lt;Reason&gt;Setting&lt;/Reason&gt;
 *  &lt;TSec&gt;2025-12-10 20:42:51&lt;/TSec&gt;&lt;ver&gt;61728&lt;/ver&gt;&lt;CRC&gt;11021&lt;/CRC&gt;&lt;/Frame&gt;\r\n      (one line on the wire)
 * </pre>
 *
 * @param id record id (the cloud's are ~13.6 M; the gateway's are 14,000,000 + ledger id)
 * @param deviceId the box serial
 * @param idSet Unix epoch seconds when the setting was asked
 * @param zone the box's local zone: {@code DT} is {@code idSet} in it, {@code dd.MM.yyyy H:mm:ss} (hour not padded)
 * @param newValue the value as text
 * @param table target table
 * @param item target key
 * @param server {@code ID_Server}: the real cloud sends 5, the community proxy 9
 * @param deliveredAt {@code TSec}: UTC time of delivery
 * @param ver five digits 0–65535 (a nonce; covered by the CRC)
 */
public record SettingFrame(long id, String deviceId, long idSet, ZoneId zone, String newValue, String table, String item,
    int server, Instant deliveredAt, int ver) {
  /** {@code ID_Server} of settings the gateway makes: the value of the community proxy, known to be accepted. */
  public static final int LOCAL_SERVER = 9;
  private static final DateTimeFormatter DT = DateTimeFormatter.ofPattern("dd.MM.yyyy H:mm:ss");
  private static final DateTimeFormatter TSEC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  public SettingFrame {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(zone, "zone");
    if (ver < 0 || ver > 65_535) throw new IllegalArgumentException("ver out of range 0..65535: " + ver);
  }

  public OigFrameBuilder builder() {
    return OigFrameBuilder.create()
        .add("ID", Long.toString(id))
        .add("ID_Device", deviceId)
        .add("ID_Set", Long.toString(idSet))
        .add("ID_SubD", "0")
        .add("DT", DT.format(Instant.ofEpochSecond(idSet).atZone(zone)))
        .add("NewValue", newValue)
        .add("Confirm", "New")
        .add("TblName", table)
        .add("TblItem", item)
        .add("ID_Server", Integer.toString(server))
        .add("mytimediff", "0")
        .add("Reason", "Setting")
        .add("TSec", TSEC.format(deliveredAt.atZone(ZoneOffset.UTC)))
        .add("ver", String.format("%05d", ver));
  }

  /** The wire bytes, CR LF included. */
  public byte[] toBytes() {
    return builder().toBytes();
  }

  /** The frame text without CR LF (kept as evidence). */
  public String toText() {
    return builder().toText();
  }
}
