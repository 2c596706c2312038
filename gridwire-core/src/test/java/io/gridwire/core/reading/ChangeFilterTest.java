package io.gridwire.core.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeFilterTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final ChangeFilter filter = new ChangeFilter(Duration.ofMinutes(5),
      (device, metric) -> switch (metric) {
        case "voltage" -> Deadband.parse("0.5", "t");
        case "power" -> Deadband.parse("2%", "t");
        default -> null;
      }, new MetricIndex());

  private static Reading at(int seconds, Object... kv) {
    Reading.Builder b = Reading.builder("g1", T0.plusSeconds(seconds), T0.plusSeconds(seconds));
    for (int i = 0; i < kv.length; i += 2) {
      Object v = kv[i + 1];
      b.put((String) kv[i], v instanceof Value val ? val : v instanceof Boolean x ? Value.of(x)
          : v instanceof String s ? Value.of(s) : Value.of(((Number) v).doubleValue()));
    }
    return b.build();
  }

  private Map<String, Value> passed(Reading r) {
    Reading out = filter.filter(r);
    return out == null ? Map.of() : out.values();
  }

  @Test
  void filter_firstReading_passesWholeWithoutCopy() {
    Reading r = at(0, "rpm", 1500, "alarm", false, "mode", "auto");
    assertThat(filter.filter(r)).isSameAs(r);
  }

  @Test
  void filter_unchangedValues_passNothing_changedPassAlone() {
    filter.filter(at(0, "rpm", 1500, "alarm", false, "mode", "auto"));
    assertThat(filter.filter(at(2, "rpm", 1500, "alarm", false, "mode", "auto"))).isNull();
    assertThat(passed(at(4, "rpm", 1501, "alarm", false, "mode", "auto"))).containsOnlyKeys("rpm");
    assertThat(passed(at(6, "rpm", 1501, "alarm", true, "mode", "manual"))).containsOnlyKeys("alarm", "mode");
  }

  @Test
  void filter_qualityChange_passesBothWays_sameNoDataDoesNot() {
    filter.filter(at(0, "rpm", 1500));
    assertThat(passed(at(2, "rpm", Value.COMM_LOST))).containsEntry("rpm", Value.COMM_LOST);
    assertThat(passed(at(4, "rpm", Value.COMM_LOST))).isEmpty();
    assertThat(passed(at(6, "rpm", Value.SENTINEL))).containsEntry("rpm", Value.SENTINEL);
    assertThat(passed(at(8, "rpm", 1500))).containsEntry("rpm", Value.of(1500));
  }

  @Test
  void filter_absoluteDeadband_holdsSmallMoves_passesWhenDriftFromLastPassedExceedsIt() {
    filter.filter(at(0, "voltage", 230.0));
    assertThat(passed(at(2, "voltage", 230.4))).isEmpty();
    assertThat(passed(at(4, "voltage", 229.6))).isEmpty();
    assertThat(passed(at(6, "voltage", 230.5))).as("exactly the band is inside it").isEmpty();
    assertThat(passed(at(8, "voltage", 230.6))).containsEntry("voltage", Value.of(230.6));
    assertThat(passed(at(10, "voltage", 231.0))).as("measured from 230.6 now").isEmpty();
  }

  @Test
  void filter_relativeDeadband_scalesWithTheLastPassedValue() {
    filter.filter(at(0, "power", 1000));
    assertThat(passed(at(2, "power", 1019))).isEmpty();
    assertThat(passed(at(4, "power", 979))).containsKey("power");
  }

  @Test
  void filter_noDeadband_passesAnyChange() {
    filter.filter(at(0, "rpm", 1500.0));
    assertThat(passed(at(2, "rpm", 1500.000001))).containsKey("rpm");
  }

  @Test
  void filter_flatValue_passesAgainOnlyAfterTheHeartbeat() {
    filter.filter(at(0, "rpm", 1500, "alarm", false));
    assertThat(passed(at(200, "rpm", 1501, "alarm", false))).containsOnlyKeys("rpm");
    assertThat(passed(at(299, "rpm", 1501, "alarm", false))).isEmpty();
    assertThat(passed(at(300, "rpm", 1501, "alarm", false))).as("rpm passed at 200").containsOnlyKeys("alarm");
    assertThat(passed(at(500, "rpm", 1501, "alarm", false))).containsOnlyKeys("rpm");
  }

  @Test
  void filter_zeroHeartbeat_neverRepeatsAFlatValue() {
    ChangeFilter noBeat = new ChangeFilter(Duration.ZERO, ChangeFilter.Deadbands.NONE, new MetricIndex());
    noBeat.filter(at(0, "rpm", 1500));
    assertThat(noBeat.filter(at(86_400 * 30, "rpm", 1500))).isNull();
  }

  @Test
  void filter_olderReading_passesWholeAndLeavesStateAlone() {
    filter.filter(at(10, "rpm", 1500));
    Reading replay = at(5, "rpm", 1400);
    assertThat(filter.filter(replay)).isSameAs(replay);
    assertThat(filter.filter(at(12, "rpm", 1500))).isNull();
  }

  @Test
  void offline_marksHeldValuesCommLost_thenTheNextValuePasses() {
    filter.filter(at(0, "rpm", 1500, "mode", "auto", "oil", Value.SENTINEL));
    Reading lost = filter.offline("g1", T0.plusSeconds(30));
    assertThat(lost.values().keySet()).containsExactly("rpm", "mode");
    assertThat(lost.values()).isEqualTo(java.util.Map.of("mode", Value.COMM_LOST, "rpm", Value.COMM_LOST));
    assertThat(lost.values().get("rpm")).isEqualTo(Value.COMM_LOST);
    assertThat(lost.values().get("oil")).isNull();
    assertThat(lost.gap()).as("history keeps one mark for it").isTrue();
    assertThat(lost.timestamp()).isEqualTo(T0.plusSeconds(30));
    assertThat(filter.offline("g1", T0.plusSeconds(31))).as("nothing held any more").isNull();
    assertThat(passed(at(40, "rpm", 1500, "mode", "auto"))).containsOnlyKeys("rpm", "mode");
  }

  @Test
  void remove_forgetsTheDevice_nextReadingPassesWhole() {
    filter.filter(at(0, "rpm", 1500));
    filter.remove("g1");
    Reading r = at(2, "rpm", 1500);
    assertThat(filter.filter(r)).isSameAs(r);
  }
}
