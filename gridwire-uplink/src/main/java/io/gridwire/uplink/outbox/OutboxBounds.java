package io.gridwire.uplink.outbox;

import io.gridwire.core.port.QueueBounds;
import java.time.Duration;
import java.util.Objects;

/**
 * How much an outbox may hold. Past any bound the <em>oldest</em> messages are dropped (counted,
 * reported), so the freshest data survives a long outage.
 *
 * @param maxMessages most messages held (≥ 1); default 1,000,000
 * @param maxBytes most approximate payload bytes held (≥ 1024); default 512 MiB
 * @param maxAge oldest message kept (positive); default 7 days
 */
public record OutboxBounds(long maxMessages, long maxBytes, Duration maxAge) {
  public static final OutboxBounds DEFAULT = new OutboxBounds(1_000_000, 512L * 1024 * 1024, Duration.ofDays(7));

  public OutboxBounds {
    Objects.requireNonNull(maxAge, "outbox.maxAge");
    if (maxMessages < 1) throw new IllegalArgumentException("outbox.maxMessages must be ≥ 1: " + maxMessages);
    if (maxBytes < 1024) throw new IllegalArgumentException("outbox.maxBytes must be ≥ 1024: " + maxBytes);
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("outbox.maxAge must be positive: " + maxAge);
    }
  }

  /** The count and byte bounds of the outbox queue; {@code keys} names the keys that set them. */
  public QueueBounds queue(String keys) {
    return new QueueBounds(maxMessages, maxBytes, keys);
  }
}
