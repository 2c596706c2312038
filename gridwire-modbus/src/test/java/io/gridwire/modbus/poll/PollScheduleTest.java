package io.gridwire.modbus.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.retry.Backoff;
import io.gridwire.testkit.OutageReplay;
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
  void backoff_defaultDevice_polledWithinPeerCapAfterAnyOutage() {
    ModbusDeviceConfig d = ModbusDeviceConfig.tcp("gen-1", "p", "127.0.0.1", 502, 1);
    PollSchedule defaults = new PollSchedule(d.interval(), d.retryDelay(), d.maxRetryDelay());
    assertThat(defaults.backoff(1)).isEqualTo(Duration.ofSeconds(5)); // SPEC §3.1
    for (Duration outage : OutageReplay.OUTAGES) {
      int[] failures = {0};
      // a dead device fails each poll after the request timeout; before: the wait grew to 60 s
      Duration lag = OutageReplay.reconnectLag(() -> defaults.backoff(++failures[0]), outage, d.timeout());
      assertThat(lag).as("after a %s outage", outage).isLessThanOrEqualTo(Backoff.PEER_CAP.plus(d.timeout()));
    }
  }

  @Test
  void histogram_percentile_withinBucketError() {
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 1; i <= 1000; i++) h.record(i * 1000L); // 1..1000 µs
    assertThat(h.percentile(0.99).toNanos() / 1000).isBetween(990L, 1200L);
    assertThat(h.percentile(0.5).toNanos() / 1000).isBetween(500L, 600L);
  }
}
