package io.gridwire.core.port;

import java.util.Objects;

/**
 * How much a {@link DurableQueue} may hold. Past either bound the <em>oldest</em> entries are
 * dropped, counted and logged, so the freshest data survives a long outage.
 *
 * @param maxMessages most entries held (≥ 1)
 * @param maxBytes most approximate payload bytes held (≥ 1; see {@link QueueEntry#size()})
 * @param keys the configuration keys that set these bounds, named in the drop warning so the
 *     operator knows what to raise (e.g. {@code uplink.outbox_max_messages})
 */
public record QueueBounds(long maxMessages, long maxBytes, String keys) {
  public QueueBounds {
    Objects.requireNonNull(keys, "keys");
    if (maxMessages < 1) throw new IllegalArgumentException("queue maxMessages must be ≥ 1: " + maxMessages);
    if (maxBytes < 1) throw new IllegalArgumentException("queue maxBytes must be ≥ 1: " + maxBytes);
  }

  /** True when {@code messages} entries of {@code bytes} in total fit. */
  public boolean fits(long messages, long bytes) {
    return messages <= maxMessages && bytes <= maxBytes;
  }
}
