package io.gridwire.web.cluster;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.bus.Subscription;
import io.gridwire.core.cluster.Cluster;
import io.gridwire.core.cluster.SharedReading;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceFilter;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.reading.LatestValues;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.MetricInfo;
import io.gridwire.core.reading.Reading;
import io.gridwire.web.ws.MetricsHub;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins this node to the fleet.
 *
 * <pre>
 *  local bus ──"cluster-share" subscriber──▶ ClusterBus.share ──▶ device:{id}:metrics + metrics:updates
 *  metrics:updates (other nodes) ──▶ latest values + /ws/metrics hub      (never the local bus:
 *                                                                          not stored, not re-shared)
 * </pre>
 *
 * Requests between nodes (commands to WebSocket devices) are served by the device connector.
 *
 * A starting node also loads every node's latest values once. Thread-safe.
 */
public final class ClusterBridge implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClusterBridge.class);
  private final Cluster cluster;
  private final LatestValues latest;
  private final MetricsHub hub;
  private final MetricCatalog catalog;
  private final Subscription subscription;

  public ClusterBridge(Cluster cluster, Bus<Reading> readings, DeviceRegistry devices, LatestValues latest, MetricCatalog catalog,
      MetricsHub hub) {
    this.cluster = cluster;
    this.latest = latest;
    this.hub = hub;
    this.catalog = catalog;
    String node = cluster.nodeId();
    cluster.bus().onRemoteReading(this::remote);
    this.subscription = readings.subscribeBatch("cluster-share", SubscriberOptions.live(), batch -> {
      for (Reading r : batch) {
        if (devices.get(r.deviceId()).isEmpty()) continue; // removed meanwhile: its hash stays deleted
        cluster.bus().share(new SharedReading(node, r, MetricsHub.readingMessage(r, catalog, node), catalog.metrics(r.deviceId())));
      }
    });
    devices.addListener(d -> {
      if (devices.get(d.id()).isPresent()) cluster.bus().presence(d);
      else cluster.bus().forget(d.id());
    });
    Thread.ofVirtual().name("cluster-share-devices").start(() -> shareOwned(devices));
    // a restarted Redis keeps nothing: list this node's devices there again
    cluster.bus().onReconnect(() -> shareOwned(devices));
    Thread.ofVirtual().name("cluster-snapshot").start(this::loadSnapshot);
  }

  /** Devices only restored from a database the fleet shares may belong to another node: not claimed. */
  private void shareOwned(DeviceRegistry devices) {
    for (Device d : devices.list(DeviceFilter.ALL)) {
      if (!devices.restoredOnly(d.id())) cluster.bus().presence(d);
    }
    // what this node listed before a crash and has no more (checked at that moment: a device registered meanwhile stays)
    cluster.bus().reconcile(id -> devices.get(id).isPresent() && !devices.restoredOnly(id));
  }

  private void remote(SharedReading s) {
    learnUnits(s);
    latest.update(s.reading());
    hub.offerRemote(s.reading().deviceId(), s.message());
  }

  /**
   * Remote devices' units go into the local catalog, so {@code /api/metrics} shows them as the
   * origin does; declared only when they differ (the catalog map's identity keys cached JSON).
   */
  private void learnUnits(SharedReading s) {
    if (s.metrics().isEmpty()) return;
    String id = s.reading().deviceId();
    Map<String, MetricInfo> known = catalog.metrics(id);
    for (MetricInfo m : s.metrics().values()) {
      MetricInfo k = known.get(m.name());
      if (k == null || !Objects.equals(k.unit(), m.unit())) {
        Map<String, MetricInfo> merged = new LinkedHashMap<>(known);
        for (MetricInfo n : s.metrics().values()) {
          MetricInfo old = merged.get(n.name());
          if (old == null || !Objects.equals(old.unit(), n.unit())) merged.put(n.name(), n);
        }
        catalog.declare(id, merged.values());
        return;
      }
    }
  }

  private void loadSnapshot() {
    try {
      List<Reading> all = cluster.bus().latestSnapshot();
      for (Reading r : all) latest.update(r);
      log.info("loaded latest values of {} devices from the fleet", all.size());
    } catch (RuntimeException e) {
      log.warn("could not load the fleet's latest values: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    subscription.close();
  }
}
