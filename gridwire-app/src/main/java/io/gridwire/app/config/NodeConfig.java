package io.gridwire.app.config;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;

/**
 * This gateway node.
 *
 * @param id node id, unique in a fleet
 * @param dataDir data directory (SQLite files, capture, outboxes)
 */
public record NodeConfig(
    @Doc("Node id, unique within a fleet sharing Redis/PostgreSQL.") String id,
    @Doc("Data directory for SQLite files, OIG capture and outboxes.") String dataDir) {
  public NodeConfig {
    Check.nonBlank("node.id", id);
    Check.nonBlank("node.data_dir", dataDir);
  }

  public static NodeConfig defaults() {
    return new NodeConfig("node-1", "./gridwire-data");
  }
}
