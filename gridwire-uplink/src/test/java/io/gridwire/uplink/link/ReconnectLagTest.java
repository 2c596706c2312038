package io.gridwire.uplink.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.retry.Backoff;
import io.gridwire.testkit.OutageReplay;
import io.gridwire.uplink.influx.InfluxBatching;
import io.gridwire.uplink.ws.UplinkTiming;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * With default timers both outbound links try again within the peer cap of the peer's return,
 * after outages of 10 s, 2 min and 10 min (virtual time; seeded jitter, 200 seeds).
 */
class ReconnectLagTest {
  private static final Duration REFUSED = Duration.ofMillis(50); // a refused connect fails at once

  private static void assertLagWithinCap(Backoff policy) {
    for (Duration outage : OutageReplay.OUTAGES) {
      for (long seed = 1; seed <= 200; seed++) {
        Backoff.Attempts attempts = policy.attempts(new SplittableRandom(seed));
        assertThat(OutageReplay.reconnectLag(attempts::next, outage, REFUSED)).as("after a %s outage", outage)
            .isLessThanOrEqualTo(Backoff.PEER_CAP.plus(REFUSED)); // the attempt under way when it returns fails
      }
    }
  }

  @Test
  void uplinkDefaults_anyOutage_reconnectWithinPeerCap() {
    // before: cap 5 min, the uplink came back 138 s after a 2-minute broker outage
    UplinkTiming t = UplinkTiming.DEFAULT;
    assertLagWithinCap(new Backoff(t.reconnectDelay(), t.reconnectMaxDelay()));
  }

  @Test
  void influxDefaults_anyOutage_writeRetriedWithinPeerCap() {
    InfluxBatching b = InfluxBatching.DEFAULT;
    assertLagWithinCap(new Backoff(b.retryDelay(), b.retryMaxDelay()));
  }
}
