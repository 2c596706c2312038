package io.gridwire.mqtt.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.retry.Backoff;
import io.gridwire.mqtt.MqttSettings;
import io.gridwire.testkit.OutageReplay;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** With default timers the MQTT client reconnects within the peer cap of the broker's return (virtual time). */
class ReconnectLagTest {
  @Test
  void defaults_brokerOutageOfAnyLength_reconnectWithinPeerCap() {
    MqttSettings c = MqttSettings.defaults();
    Backoff policy = new Backoff(c.reconnectInitialDelay(), c.reconnectMaxDelay());
    for (Duration outage : OutageReplay.OUTAGES) {
      for (long seed = 1; seed <= 200; seed++) {
        Backoff.Attempts attempts = policy.attempts(new SplittableRandom(seed));
        assertThat(OutageReplay.reconnectLag(attempts::next, outage, Duration.ofMillis(50))).as("after a %s outage", outage)
            .isLessThanOrEqualTo(Backoff.PEER_CAP.plusMillis(50)); // the attempt under way when it returns fails
      }
    }
  }
}
