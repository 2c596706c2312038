package io.gridwire.oig.field;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.reading.Value;
import io.gridwire.oig.codec.Decoded;
import io.gridwire.oig.codec.OigFrameParser;
import io.gridwire.oig.sim.BoxFrames;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Non-finite numbers in a Box frame become no-data {@code out_of_range}, never text (the values once stored as "Infinity", "1e999", "NaN"). */
class NonFiniteValuesTest {
  private static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");
  private final ReadingMapper mapper = new ReadingMapper(OigFieldTable.standard(), PRAGUE);
  private final BoxFrames frames = new BoxFrames("2206237016", PRAGUE, 1);

  @Test
  void map_nonFiniteValues_outOfRangeNoData() {
    Instant at = Instant.parse("2026-02-17T08:05:08Z");
    byte[] raw = frames.table("tbl_batt", at, "BAT_P", "9".repeat(400), "BAT_V", "1e999", "BAT_C", "NaN", "BAT_Q", "-1e999",
        "BAT_I", "Inf", "BAT_T", "-Infinity", "BAT_MIN", "1.5e2");
    var m = mapper.map(((Decoded.Ok) OigFrameParser.parse(raw)).frame(), at).orElseThrow();
    assertThat(m.reading().values()).containsEntry("batt_bat_p", Value.OUT_OF_RANGE).containsEntry("batt_bat_v", Value.OUT_OF_RANGE)
        .containsEntry("batt_bat_c", Value.OUT_OF_RANGE).containsEntry("batt_bat_q", Value.OUT_OF_RANGE)
        .containsEntry("batt_bat_i", Value.OUT_OF_RANGE).containsEntry("batt_bat_t", Value.OUT_OF_RANGE)
        .containsEntry("batt_bat_min", Value.of(150));
    assertThat(m.reading().values().values()).noneMatch(v -> v instanceof Value.Text);
  }
}
