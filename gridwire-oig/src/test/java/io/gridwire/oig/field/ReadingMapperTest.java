package io.gridwire.oig.field;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.reading.Value;
import io.gridwire.oig.codec.Decoded;
import io.gridwire.oig.codec.OigFrame;
import io.gridwire.oig.codec.OigFrameParser;
import io.gridwire.oig.sim.BoxFrames;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ReadingMapperTest {
  private static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");
  private final ReadingMapper mapper = new ReadingMapper(OigFieldTable.standard(), PRAGUE);
  private final BoxFrames frames = new BoxFrames("2206237016", PRAGUE, 1);

  private static OigFrame parse(byte[] raw) {
    return ((Decoded.Ok) OigFrameParser.parse(raw)).frame();
  }

  @Test
  void map_tableFrame_timestampIsDtInBoxZoneAndNumbersAreNumbers() {
    Instant at = Instant.parse("2026-02-17T08:05:08Z"); // DT 09:05:08 in Prague (CET)
    var m = mapper.map(parse(frames.table("tbl_batt", at, "BAT_P", "-2319", "BAT_V", "52.14", "BAT_X", "abc", "BAT_E", "")),
        Instant.parse("2026-03-01T00:00:00Z")).orElseThrow();
    assertThat(m.reading().timestamp()).isEqualTo(at);
    assertThat(m.reading().values()).containsEntry("batt_bat_p", Value.of(-2319))
        .containsEntry("batt_bat_v", Value.of(52.14)).containsEntry("batt_bat_x", Value.of("abc"))
        .containsEntry("batt_bat_e", Value.ABSENT).doesNotContainKeys("batt_id_device", "batt_ver", "batt_dt");
    assertThat(m.metrics()).filteredOn(i -> i.name().equals("batt_bat_p")).singleElement()
        .satisfies(i -> assertThat(i.label()).contains("+charge/-discharge"));
  }

  @Test
  void map_bankAboveZero_suffixedMetrics() {
    var m = mapper.map(parse(frames.table("tbl_batt_prms", Instant.now(), "ID_SubD", "2", "BAT_MIN", "20")), Instant.now()).orElseThrow();
    assertThat(m.reading().values()).containsOnlyKeys("batt_prms_bat_min_b2");
    assertThat(m.bank()).isEqualTo(2);
  }

  @Test
  void map_longPollWithActual_publishesOnlyTableData() {
    var m = mapper.map(parse(frames.isNewSetWithActual(Instant.now())), Instant.now()).orElseThrow();
    assertThat(m.table()).isEqualTo("tbl_actual");
    assertThat(m.reading().values()).containsOnlyKeys("actual_enbl", "actual_aco_p", "actual_bat_c");
  }

  @Test
  void map_shortPoll_noReading() {
    assertThat(mapper.map(parse(frames.isNewSet()), Instant.now())).isEmpty();
  }

  @Test
  void timestamp_settingFrameFormatUnpaddedHour_parsed() {
    assertThat(mapper.timestamp("08.12.2025 4:08:59", Instant.EPOCH)).isEqualTo(Instant.parse("2025-12-08T03:08:59Z"));
    assertThat(mapper.timestamp("garbage", Instant.EPOCH)).isEqualTo(Instant.EPOCH);
  }

  @Test
  void fieldTable_gridPower_unitClassAndSignConvention() {
    var info = OigFieldTable.standard().metricInfo("tbl_actual", "ACI_WR", 0);
    assertThat(info.name()).isEqualTo("actual_aci_wr");
    assertThat(info.unit()).isEqualTo("W");
    assertThat(info.deviceClass()).isEqualTo("power");
    assertThat(info.label()).contains("+import/-export");
    assertThat(OigFieldTable.standard().size()).isGreaterThan(100);
  }

  /** The hand-read DT forms give exactly what the two formatters give, and defer to them on anything odd. */
  @Test
  void plainDateTime_agreesWithTheFormatters() {
    java.time.format.DateTimeFormatter iso = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd H:mm:ss");
    java.time.format.DateTimeFormatter cz = java.time.format.DateTimeFormatter.ofPattern("d.M.yyyy H:mm:ss");
    java.util.List<String> texts = new java.util.ArrayList<>(java.util.List.of(
        "2026-02-17 9:05:08", "2026-02-17 09:05:08", "2024-02-29 23:59:59", "2025-02-29 10:00:00", "2026-04-31 10:00:00",
        "2026-13-01 10:00:00", "2026-00-10 10:00:00", "2026-01-00 10:00:00", "2026-01-01 24:00:00", "2026-01-01 10:60:00",
        "2026-01-01 10:00:60", "2026-1-01 10:00:00", "2026-01-1 10:00:00", "2026-01-01 100:00:00", "20260-01-01 10:00:00",
        "0000-01-01 10:00:00", " 2026-01-01 10:00:00", "2026-01-01 10:00:00 ", "2026-01-01T10:00:00", "2026.01.01 10:00:00",
        "08.12.2025 4:08:59", "8.12.2025 4:08:59", "8.1.2025 14:08:59", "31.4.2026 1:00:00", "29.2.2024 1:00:00",
        "8-12-2025 4:08:59", "8.12-2025 4:08:59", "8.12.25 4:08:59", "8.12.2025 4:8:59", "8.12.2025 4:08", "123.1.2025 1:00:00",
        "8.12.2025  4:08:59", "", "garbage", "2026-01-01 10:00:00:00", "2026-01-01 1:0:00"));
    java.util.Random rnd = new java.util.Random(7);
    String alphabet = "0123456789-.: 9";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder(i % 2 == 0 ? "2026-03-15 7:30:45" : "15.3.2026 17:30:45");
      for (int k = rnd.nextInt(3); k >= 0; k--) b.setCharAt(rnd.nextInt(b.length()), alphabet.charAt(rnd.nextInt(alphabet.length())));
      texts.add(b.toString());
    }
    for (String t : texts) {
      java.time.LocalDateTime expected = null;
      for (java.time.format.DateTimeFormatter f : new java.time.format.DateTimeFormatter[] {iso, cz}) {
        try {
          expected = java.time.LocalDateTime.parse(t.trim(), f);
          break;
        } catch (java.time.format.DateTimeParseException ignored) {
          // next form
        }
      }
      java.time.LocalDateTime fast = ReadingMapper.plainDateTime(t);
      if (fast != null) assertThat(fast).as(t).isEqualTo(expected);
      Instant fallback = Instant.EPOCH;
      assertThat(mapper.timestamp(t, fallback)).as(t)
          .isEqualTo(expected == null ? fallback : expected.atZone(PRAGUE).toInstant());
    }
    assertThat(ReadingMapper.plainDateTime("2026-02-17 9:05:08")).isNotNull();
    assertThat(ReadingMapper.plainDateTime("08.12.2025 4:08:59")).isNotNull();
  }
}
