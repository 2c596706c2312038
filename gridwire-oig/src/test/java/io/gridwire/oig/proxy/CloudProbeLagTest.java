package io.gridwire.oig.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.retry.Backoff;
import io.gridwire.testkit.OutageReplay;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An offline box session probes the cloud often enough to use it again within the peer cap of its return. */
class CloudProbeLagTest {
  @Test
  void defaults_cloudOutageOfAnyLength_probedWithinPeerCap() {
    OigConfig c = OigConfig.defaults();
    for (Duration outage : OutageReplay.OUTAGES) {
      // a probe into a black hole fails only after the connect timeout
      Duration lag = OutageReplay.reconnectLag(c::probeInterval, outage, c.connectTimeout());
      assertThat(lag).as("after a %s outage", outage).isLessThanOrEqualTo(Backoff.PEER_CAP.plus(c.connectTimeout())); // before: up to 65 s
    }
  }
}
