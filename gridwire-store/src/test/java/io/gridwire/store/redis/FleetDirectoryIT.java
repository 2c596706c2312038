package io.gridwire.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.core.cluster.FleetDevice;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.Source;
import io.gridwire.testkit.PrivateRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fleet's device list and node liveness on a private Redis. */
class FleetDirectoryIT {
  private static RedisCluster start(PrivateRedis redis, String node) {
    return RedisCluster.start(RedisConfig.of(redis.uri()).withNodeTtl(Duration.ofSeconds(3)), RedisRuntime.of(node));
  }

  @Test
  void fleet_presenceReconcileAndCleanStop_listedWithOwnerAndLiveness() throws Exception {
    try (PrivateRedis redis = new PrivateRedis().start()) {
      RedisCluster b = start(redis, "node-b");
      try {
        RedisCluster a = start(redis, "node-a");
        Device gen1 = Device.of("gen-1", "north", "generator", Source.MODBUS).withPresence(true, Instant.parse("2026-03-01T10:00:00Z"), null);
        a.cluster().bus().presence(gen1);
        a.cluster().bus().presence(Device.of("gen-2", "north", "generator", Source.MODBUS));
        b.cluster().bus().presence(Device.of("ws-9", "", "device", Source.WS));
        await().atMost(Duration.ofSeconds(10)).until(() -> b.cluster().bus().fleetDevices().size() == 3);
        FleetDevice listed = b.cluster().bus().fleetDevices().stream().filter(f -> f.device().id().equals("gen-1")).findFirst().orElseThrow();
        assertThat(listed.node()).isEqualTo("node-a");
        assertThat(listed.nodeAlive()).isTrue();
        assertThat(listed.device()).isEqualTo(gen1);

        // node A restarted without gen-2: its old entry goes, node B's entry stays
        a.cluster().bus().reconcile(Set.of("gen-1")::contains);
        assertThat(ids(b)).containsExactlyInAnyOrder("gen-1", "ws-9");

        // a clean stop deletes the liveness key at once
        a.close();
        assertThat(b.cluster().bus().fleetDevices()).filteredOn(f -> f.node().equals("node-a"))
            .singleElement().satisfies(f -> assertThat(f.nodeAlive()).isFalse())
            .satisfies(f -> assertThat(f.listed().online()).isFalse());
      } finally {
        b.close();
      }
    }
  }

  private static List<String> ids(RedisCluster c) {
    return c.cluster().bus().fleetDevices().stream().map(f -> f.device().id()).toList();
  }
}
