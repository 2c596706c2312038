package io.gridwire.wsdevice.command;

import io.gridwire.core.cluster.Cluster;
import io.gridwire.core.cluster.ClusterUnavailableException;
import io.gridwire.core.cluster.SessionEntry;
import java.util.Map;
import java.util.TreeMap;

/** The other nodes holding sessions, with how many each holds (from the session directory). */
final class RemoteNodes {
  private RemoteNodes() {}

  /** Empty when the directory is down: only this node's sessions are reached then. */
  static Map<String, Integer> of(Cluster cluster) {
    Map<String, Integer> out = new TreeMap<>();
    try {
      for (SessionEntry e : cluster.directory().list()) {
        if (!e.nodeId().equals(cluster.nodeId())) out.merge(e.nodeId(), 1, Integer::sum);
      }
    } catch (ClusterUnavailableException e) {
      return Map.of();
    }
    return out;
  }
}
