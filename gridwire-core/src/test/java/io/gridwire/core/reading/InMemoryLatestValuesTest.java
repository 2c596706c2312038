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
}
