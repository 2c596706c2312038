package io.gridwire.web.cluster;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.bus.Subscription;
import io.gridwire.core.cluster.Cluster;
import io.gridwire.core.cluster.SharedReading;
import io.gridwire.core.reading.LatestValues;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.web.command.Commands;
import io.gridwire.web.ws.MetricsHub;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins this node to the fleet.
 *
 * <pre>
 *  local bus ──"cluster-share" subscriber──▶ ClusterBus.share ──▶ device:{id}:metrics + metrics:updates
 *  metrics:updates (other nodes) ──▶ latest values + /ws/metrics hub      (never the local bus:
 *                                                                          not stored, not re-shared)
 *  requests from other nodes ──▶ Commands.handle (send / broadcast / close)
 * </pre>
 *
 * A starting node also loads every node's latest values once. Thread-safe.
 */
public final class ClusterBridge implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClusterBridge.class);
  private final Cluster cluster;
  private final LatestValues latest;
  private final MetricsHub hub;
  private final Subscription subscription;

  public ClusterBridge(Cluster cluster, Bus<Reading> readings, LatestValues latest, MetricCatalog catalog, MetricsHub hub,
      Commands commands) {
    this.cluster = cluster;
    this.latest = latest;
    this.hub = hub;
    String node = cluster.nodeId();
    cluster.bus().serve(commands::handle);
    cluster.bus().onRemoteReading(this::remote);
    this.subscription = readings.subscribeBatch("cluster-share", SubscriberOptions.live(), batch -> {
      for (Reading r : batch) cluster.bus().share(r, MetricsHub.readingMessage(r, catalog, node));
    });
    Thread.ofVirtual().name("cluster-snapshot").start(this::loadSnapshot);
  }

  private void remote(SharedReading s) {
    latest.update(s.reading());
    hub.offerRemote(s.reading().deviceId(), s.message());
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
    cluster.bus().serve(body -> "{\"outcome\":\"unreachable\",\"detail\":\"node stopping\"}");
  }
}
