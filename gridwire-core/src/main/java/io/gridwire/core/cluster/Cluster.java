package io.gridwire.core.cluster;

import io.gridwire.core.api.HealthCheck;
import java.util.Objects;

/**
 * What a node needs to be part of a fleet: its session directory, its bus to the other nodes, and a
 * health check of the shared store. {@link #single(String)} is a fleet of one (no Redis): nothing
 * leaves the process.
 *
 * @param nodeId this node's id (unique in the fleet)
 * @param directory where sessions are recorded
 * @param bus requests to other nodes and shared readings
 * @param health {@code ok} while the shared store is reachable; null when there is none
 */
public record Cluster(String nodeId, SessionDirectory directory, ClusterBus bus, HealthCheck health) {
  public Cluster {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(bus, "bus");
  }

  /** A one-node fleet in process memory. */
  public static Cluster single(String nodeId) {
    return new InProcessCluster().node(nodeId);
  }
}
