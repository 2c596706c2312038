package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.app.config.ConfigLoader;
import io.gridwire.app.config.GridwireConfig;
import io.gridwire.app.demo.SyntheticDevice;
import io.gridwire.testkit.FreePorts;
import io.gridwire.uplink.sim.BrokerSimConfig;
import io.gridwire.uplink.sim.UplinkBrokerSim;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configured uplink carries the gateway's readings to the broker, and survives its outage. */
class GatewayLinksIT {
  @TempDir Path dir;

  @Test
  void uplink_deliversReadingsAcrossABrokerOutage() {
    try (UplinkBrokerSim broker = UplinkBrokerSim.start(new BrokerSimConfig(FreePorts.next(), "site-7", "s3cret-s3cret", true, 1 << 20))) {
      Map<String, String> env = new HashMap<>(Map.of(
          "GRIDWIRE_NODE_DATA_DIR", dir.toString(),
          "GRIDWIRE_HTTP_HOST", "127.0.0.1",
          "GRIDWIRE_HTTP_PORT", "0",
          "GRIDWIRE_DEMO_SYNTHETIC", "true",
          "GRIDWIRE_DEMO_SYNTHETIC_INTERVAL", "100ms",
          "GRIDWIRE_UPLINK_ENABLED", "true",
          "GRIDWIRE_UPLINK_URL", broker.url().toString(),
          "GRIDWIRE_UPLINK_CLIENT_ID", "site-7",
          "GRIDWIRE_UPLINK_CLIENT_SECRET", "s3cret-s3cret"));
      GridwireConfig cfg = new ConfigLoader().load(null, env);
      try (Gateway g = Gateway.start(cfg, Clock.systemUTC())) {
        await().atMost(Duration.ofSeconds(20)).until(() -> broker.unique().size() >= 5);
        assertThat(broker.received().get(0).message()).contains(SyntheticDevice.ID);
        broker.refuse(true);
        broker.dropConnections();
        int before = broker.unique().size();
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
        broker.refuse(false);
        // Readings made during the outage come from the outbox after the reconnect.
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.unique().size() >= before + 15);
      }
    }
  }
}
