package io.gridwire.modbus.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PollScheduleTest {
  private final PollSchedule s = new PollSchedule(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(60));
  private final Instant t0 = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void afterSuccess_onTime_nextSlot() {
    assertThat(s.afterSuccess(t0, t0.plusMillis(300))).isEqualTo(new PollSchedule.Next(t0.plusSeconds(2), 0));
  }

  @Test
  void afterSuccess_overran_skipsPastSlotsAndCountsThem() {
    assertThat(s.afterSuccess(t0, t0.plusMillis(4500))).isEqualTo(new PollSchedule.Next(t0.plusSeconds(6), 2));
  }

  @Test
  void backoff_doublesAndCaps() {
    assertThat(s.backoff(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.backoff(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.backoff(4)).isEqualTo(Duration.ofSeconds(40));
    assertThat(s.backoff(5)).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.backoff(500)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void histogram_percentile_withinBucketError() {
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 1; i <= 1000; i++) h.record(i * 1000L); // 1..1000 µs
    assertThat(h.percentile(0.99).toNanos() / 1000).isBetween(990L, 1200L);
    assertThat(h.percentile(0.5).toNanos() / 1000).isBetween(500L, 600L);
  }
}
