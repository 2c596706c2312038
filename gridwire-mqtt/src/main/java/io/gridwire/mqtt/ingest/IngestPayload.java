package io.gridwire.mqtt.ingest;

import io.gridwire.core.reading.Value;
import java.time.Instant;
import java.util.Map;

/**
 * The outcome of parsing one ingest payload.
 */
public sealed interface IngestPayload {

  /**
   * A usable payload.
   *
   * @param serial {@code serial_number}, trimmed, never blank
   * @param timestamp the payload's {@code timestamp}, or null when absent or unreadable
   * @param values numbers, booleans and nulls, nested objects flattened with {@code _}, in
   *     payload order (without {@code serial_number} and {@code timestamp})
   * @param attributes every scalar field as text (heartbeat attributes), same keys
   */
  record Parsed(String serial, Instant timestamp, Map<String, Value> values, Map<String, String> attributes)
      implements IngestPayload {}

  /** An unusable payload. */
  record Rejected(RejectReason reason, String detail) implements IngestPayload {}
}
