package io.gridwire.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.retry.Backoff;
import io.gridwire.testkit.OutageReplay;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** With the default config Redis is reconnected within the peer cap of its return, with jitter (virtual time). */
class RedisReconnectDelayTest {
  private final RedisRuntime runtime = RedisRuntime.of("node-a");

  @Test
  void reconnectDelay_redisOutageOfAnyLength_withinPeerCap() {
    for (Duration outage : OutageReplay.OUTAGES) {
      Delay delay = RedisConnections.reconnectDelay(runtime);
      long[] attempt = {0};
      Duration lag = OutageReplay.reconnectLag(() -> delay.createDelay(++attempt[0]), outage, Duration.ofMillis(50));
      assertThat(lag).as("after a %s outage", outage).isLessThanOrEqualTo(Backoff.PEER_CAP.plusMillis(50));
    }
  }

  @Test
  void reconnectDelay_cappedAndJittered() {
    Delay delay = RedisConnections.reconnectDelay(runtime);
    Set<Duration> seen = new HashSet<>();
    for (long n = 1; n < 200; n++) {
      Duration d = delay.createDelay(n);
      assertThat(d).isLessThanOrEqualTo(runtime.reconnectMaxDelay());
      if (n > 10) seen.add(d);
    }
    assertThat(seen).hasSizeGreaterThan(1); // before: a fixed 5 s for every gateway at once
  }
}
