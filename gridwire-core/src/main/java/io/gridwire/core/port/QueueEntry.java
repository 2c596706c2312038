package io.gridwire.core.port;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry held in a {@link DurableQueue} until it was delivered.
 *
 * @param seq position in the queue, strictly increasing in append order, never reused
 * @param key what the entry belongs to (device id, MQTT topic, box id); {@link
 *     DurableQueue#oldest(String)} looks entries up by it
 * @param createdAt when the entry was appended (drives the age bound)
 * @param topic where it goes (a topic, an OIG table name) or an empty string
 * @param payload the bytes to deliver: UTF-8 text (JSON, line protocol) or a raw frame
 */
public record QueueEntry(long seq, String key, Instant createdAt, String topic, byte[] payload) {
  public QueueEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
  }

  /** The payload as UTF-8 text. */
  public String text() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  /** Approximate stored size in bytes, the unit of the byte bound: key + topic + payload + 24. */
  public long size() {
    return sizeOf(key, topic, payload);
  }

  static long sizeOf(String key, String topic, byte[] payload) {
    return 24L + key.length() + topic.length() + payload.length;
  }

  /**
   * An entry not yet appended.
   *
   * @param key what it belongs to
   * @param createdAt append time
   * @param topic destination or empty
   * @param payload the bytes
   */
  public record Draft(String key, Instant createdAt, String topic, byte[] payload) {
    public Draft {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(payload, "payload");
    }

    /** A draft whose payload is {@code body} in UTF-8. */
    public static Draft text(String key, Instant createdAt, String topic, String body) {
      return new Draft(key, createdAt, topic, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The payload as UTF-8 text. */
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** Stored size, see {@link QueueEntry#size()}. */
    public long size() {
      return sizeOf(key, topic, payload);
    }
  }
}
