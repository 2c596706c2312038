package io.gridwire.core.bus;

/**
 * How one subscriber is buffered.
 *
 * @param capacity queue length in items (≥ 1)
 * @param overflow what to do when the queue is full
 * @param coalesceKeys maximum distinct keys kept while coalescing (≥ 1)
 * @param maxBatch maximum items handed to the handler at once (≥ 1)
 */
public record SubscriberOptions(int capacity, Overflow overflow, int coalesceKeys, int maxBatch) {
  public SubscriberOptions {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be ≥ 1: " + capacity);
    if (coalesceKeys < 1) throw new IllegalArgumentException("coalesceKeys must be ≥ 1: " + coalesceKeys);
    if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be ≥ 1: " + maxBatch);
    if (overflow == null) overflow = Overflow.COALESCE;
  }

  /** Live-view default: 8192 items, coalesce up to 100,000 devices, batches of 512. */
  public static SubscriberOptions live() {
    return new SubscriberOptions(8192, Overflow.COALESCE, 100_000, 512);
  }

  /** Durable-sink default: a deep queue that drops (counted) rather than coalesces. */
  public static SubscriberOptions durable(int capacity) {
    return new SubscriberOptions(capacity, Overflow.DROP, 1, 4096);
  }
}
