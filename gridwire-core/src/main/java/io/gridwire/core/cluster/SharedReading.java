package io.gridwire.core.cluster;

import io.gridwire.core.reading.MetricInfo;
import io.gridwire.core.reading.Reading;
import java.util.Map;
import java.util.Objects;

/**
 * A reading one node shared with the others.
 *
 * @param nodeId the node whose device produced it
 * @param reading the reading, decoded
 * @param message the {@code /ws/metrics} message text as the origin rendered it ({@code
 *     {"type":"reading","node":...,"data":{...}}}), forwarded verbatim to WebSocket clients
 * @param metrics what the origin knows of the reading's metrics (by name): at least the units
 *     the message carries, so other nodes can show them; empty when none
 */
public record SharedReading(String nodeId, Reading reading, String message, Map<String, MetricInfo> metrics) {
  public SharedReading {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(reading, "reading");
    Objects.requireNonNull(message, "message");
    metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
  }
}
