package io.gridwire.core.cluster;

import io.gridwire.core.reading.Reading;
import java.util.Objects;

/**
 * A reading one node shared with the others.
 *
 * @param nodeId the node whose device produced it
 * @param reading the reading, decoded
 * @param message the {@code /ws/metrics} message text as the origin rendered it ({@code
 *     {"type":"reading","node":...,"data":{...}}}), forwarded verbatim to WebSocket clients
 */
public record SharedReading(String nodeId, Reading reading, String message) {
  public SharedReading {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(reading, "reading");
    Objects.requireNonNull(message, "message");
  }
}
