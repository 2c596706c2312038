package io.gridwire.core.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryLatestValuesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  private static Reading reading(Instant t, Map<String, Value> values) {
    return new Reading("gen-1", t, t, values);
  }

  @Test
  void lastKnown_valuesTurnCommLost_keptWithTheirTimeUntilTheyComeBack() {
    InMemoryLatestValues latest = new InMemoryLatestValues();
    latest.update(reading(T0, Map.of("volts", new Value.Num(400.5), "running", new Value.Bool(true), "oil", Value.noData(NoDataReason.SENTINEL))));
    assertThat(latest.lastKnown("gen-1")).isEmpty();

    latest.update(reading(T0.plusSeconds(30), Map.of("volts", Value.COMM_LOST, "running", Value.COMM_LOST, "oil", Value.COMM_LOST)));
    assertThat(latest.latest("gen-1").orElseThrow().values().get("volts")).isEqualTo(Value.COMM_LOST);
    Reading kept = latest.lastKnown("gen-1").orElseThrow();
    assertThat(kept.values()).containsOnlyKeys("volts", "running"); // "no data" before is not a known value
    assertThat(kept.values().get("volts")).isEqualTo(new Value.Num(400.5));
    assertThat(kept.timestamp()).isEqualTo(T0);

    latest.update(reading(T0.plusSeconds(60), Map.of("volts", new Value.Num(401), "running", Value.COMM_LOST, "oil", Value.COMM_LOST)));
    assertThat(latest.lastKnown("gen-1").orElseThrow().values()).containsOnlyKeys("running");
    latest.update(reading(T0.plusSeconds(90), Map.of("volts", new Value.Num(401), "running", new Value.Bool(false), "oil", Value.COMM_LOST)));
    assertThat(latest.lastKnown("gen-1")).isEmpty();
  }

  @Test
  void lastKnown_olderReplayedReading_changesNothing() {
    InMemoryLatestValues latest = new InMemoryLatestValues();
    latest.update(reading(T0, Map.of("volts", new Value.Num(400))));
    latest.update(reading(T0.minusSeconds(60), Map.of("volts", Value.COMM_LOST)));
    assertThat(latest.lastKnown("gen-1")).isEmpty();
    assertThat(latest.latest("gen-1").orElseThrow().values().get("volts")).isEqualTo(new Value.Num(400));
  }

  @Test
  void partialReading_updatesItsOwnValues_andEarlierSnapshotsStayAsTheyWere() {
    InMemoryLatestValues latest = new InMemoryLatestValues();
    latest.update(reading(T0, Map.of("volts", new Value.Num(400), "alarm_low_oil", new Value.Bool(false))));
    Reading before = latest.latest("gen-1").orElseThrow();
    latest.update(reading(T0.plusSeconds(2), Map.of("volts", new Value.Num(401))));
    Reading after = latest.latest("gen-1").orElseThrow();
    assertThat(after.values()).containsEntry("volts", new Value.Num(401)).containsEntry("alarm_low_oil", new Value.Bool(false));
    assertThat(after.timestamp()).isEqualTo(T0.plusSeconds(2));
    assertThat(before.values()).containsEntry("volts", new Value.Num(400));
    assertThat(latest.latest("gen-1").orElseThrow()).isSameAs(after); // no change, no new copy
    assertThat(latest.all()).containsExactly(after);
  }

  @Test
  void olderReading_fillsOnlyGaps_andKeepsTheNewerTime() {
    InMemoryLatestValues latest = new InMemoryLatestValues();
    latest.update(reading(T0, Map.of("volts", new Value.Num(400))));
    latest.update(reading(T0.minusSeconds(60), Map.of("volts", new Value.Num(390), "hz", new Value.Num(50))));
    Reading r = latest.latest("gen-1").orElseThrow();
    assertThat(r.values()).containsEntry("volts", new Value.Num(400)).containsEntry("hz", new Value.Num(50));
    assertThat(r.timestamp()).isEqualTo(T0);
    latest.remove("gen-1");
    assertThat(latest.latest("gen-1")).isEmpty();
    assertThat(latest.all()).isEmpty();
  }
}
