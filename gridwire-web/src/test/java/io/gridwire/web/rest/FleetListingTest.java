package io.gridwire.web.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.cluster.Cluster;
import io.gridwire.core.cluster.ClusterBus;
import io.gridwire.core.cluster.ClusterUnavailableException;
import io.gridwire.core.cluster.FleetDevice;
import io.gridwire.core.cluster.InProcessCluster;
import io.gridwire.core.cluster.SharedReading;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceFilter;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.device.Source;
import io.gridwire.core.reading.Reading;
import io.gridwire.testkit.ManualClock;
import io.gridwire.web.json.DeviceJson;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The fleet's device list: own devices from the registry, the others' from the shared directory with their node's liveness. */
class FleetListingTest {
  private final ManualClock clock = ManualClock.at("2026-03-01T10:00:00Z");
  private final DeviceRegistry registry = new DeviceRegistry(null, clock);
  private final FakeBus bus = new FakeBus();
  private final FleetListing listing = new FleetListing(new Cluster("node-b", new InProcessCluster().node("node-b").directory(), bus, null),
      registry, clock);

  @Test
  void list_deviceOfDeadNode_offlineWithReasonAndItsNode() {
    bus.devices = List.of(new FleetDevice(Device.of("gen-a", "north", "generator", Source.MODBUS).withPresence(true, clock.instant(), null),
        "node-a", false));
    registry.register(Device.of("ws-b", "north", "device", Source.WS));

    List<DeviceJson> out = listing.list(DeviceFilter.ALL).devices();

    assertThat(out).extracting(DeviceJson::id, DeviceJson::node, DeviceJson::online)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("gen-a", "node-a", false),
            org.assertj.core.groups.Tuple.tuple("ws-b", "node-b", false));
    assertThat(out.get(0).error()).contains("node node-a is not alive");
  }

  @Test
  void list_onlyRestoredLocallyAndOwnedByAnotherNode_anotherNodesListingWins() {
    registry.restore(List.of(Device.of("gen-a", "", "generator", Source.MODBUS)));
    bus.devices = List.of(new FleetDevice(Device.of("gen-a", "", "generator", Source.MODBUS).withPresence(true, clock.instant(), null),
        "node-a", true));

    assertThat(listing.list(DeviceFilter.ALL).devices()).singleElement()
        .satisfies(d -> assertThat(d.node()).isEqualTo("node-a"))
        .satisfies(d -> assertThat(d.online()).isTrue());

    registry.register(Device.of("gen-a", "", "generator", Source.MODBUS)); // this node polls it now
    assertThat(listing.list(DeviceFilter.ALL).devices()).singleElement().satisfies(d -> assertThat(d.node()).isEqualTo("node-b"));
  }

  @Test
  void list_redisDown_ownDevicesOnlyMarkedIncompleteAndCounted() {
    registry.register(Device.of("ws-b", "", "device", Source.WS));
    bus.down = true;

    FleetListing.Listing l = listing.list(DeviceFilter.ALL);

    assertThat(l.complete()).isFalse();
    assertThat(l.devices()).extracting(DeviceJson::id).containsExactly("ws-b");
    assertThat(listing.failures()).isEqualTo(1);
  }

  @Test
  void list_manyRequestsWithinASecond_readTheSharedStoreOnce() {
    for (int i = 0; i < 50; i++) listing.list(DeviceFilter.ALL);
    assertThat(bus.reads).isEqualTo(1);
    clock.advance(FleetListing.MAX_AGE);
    listing.list(DeviceFilter.ALL);
    assertThat(bus.reads).isEqualTo(2);
  }

  private static final class FakeBus implements ClusterBus {
    volatile List<FleetDevice> devices = List.of();
    volatile boolean down;
    int reads;

    @Override
    public List<FleetDevice> fleetDevices() {
      if (down) throw new ClusterUnavailableException("redis unreachable: connection refused");
      reads++;
      return devices;
    }

    @Override
    public String nodeId() {
      return "node-b";
    }

    @Override
    public CompletableFuture<String> request(String nodeId, String body) {
      return CompletableFuture.failedFuture(new ClusterUnavailableException("no"));
    }

    @Override
    public void serve(Function<String, String> handler) {}

    @Override
    public void share(SharedReading shared) {}

    @Override
    public void presence(Device device) {}

    @Override
    public void forget(String deviceId) {}

    @Override
    public void onRemoteReading(Consumer<SharedReading> handler) {}

    @Override
    public List<Reading> latestSnapshot() {
      return List.of();
    }
  }
}
