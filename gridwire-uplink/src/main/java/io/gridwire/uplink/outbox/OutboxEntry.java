package io.gridwire.uplink.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * One message held in an {@link Outbox} until its link has delivered it.
 *
 * @param seq position in the outbox, strictly increasing in append order, never reused
 * @param key the ordering key (device id, or the MQTT topic for raw messages)
 * @param createdAt when the message was appended (drives the age bound)
 * @param topic the destination topic (uplink) or an empty string (InfluxDB)
 * @param body the payload, UTF-8 text (JSON, or one line-protocol line)
 */
public record OutboxEntry(long seq, String key, Instant createdAt, String topic, String body) {
  public OutboxEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(body, "body");
  }

  /** Approximate stored size in bytes, the unit of the byte bound: key + topic + body + 24. */
  public long size() {
    return sizeOf(key, topic, body);
  }

  static long sizeOf(String key, String topic, String body) {
    return 24L + key.length() + topic.length() + body.length();
  }

  /**
   * A message not yet appended.
   *
   * @param key ordering key
   * @param createdAt append time
   * @param topic destination topic or empty
   * @param body payload
   */
  public record Draft(String key, Instant createdAt, String topic, String body) {
    public Draft {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(body, "body");
    }

    public long size() {
      return sizeOf(key, topic, body);
    }
  }
}
