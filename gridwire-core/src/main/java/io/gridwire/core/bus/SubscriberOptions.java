package io.gridwire.core.bus;

/**
 * How one subscriber is buffered.
 *
 * @param capacity queue length in items (≥ 1)
 * @param overflow what to do when the queue is full
 * @param coalesceKeys maximum distinct keys kept while coalescing (≥ 1)
 * @param maxBatch maximum items handed to the handler at once (≥ 1)
 * @param maxBytes bound on the estimated bytes waiting (queue plus coalescing table), ≥ 1; an
 *     item that would cross it overflows like one that finds the queue full
 * @param linger after handing over a batch that was not full, how long the subscriber lets new
 *     items gather before it looks again (zero: at once; a full batch is a backlog and is drained
 *     without pausing). Under load a subscriber then wakes at most once per linger with many items
 *     instead of once per item (at 1,000 gensets, 500 readings a second woke each subscriber 500
 *     times); an item waits at most this much longer.
 */
public record SubscriberOptions(int capacity, Overflow overflow, int coalesceKeys, int maxBatch, long maxBytes,
    java.time.Duration linger) {
  /**
   * Default linger: 100 ms (at most 10 wake-ups a second under a steady trickle). 50 ms cost
   * ~40 µs of CPU per wake-up and subscriber at 1,000 OIG boxes (seven subscribers, 140 wake-ups
   * a second: ~0.25 s per minute more than 200 ms); 100 ms keeps a reading's way through the
   * two buses to history or {@code /ws/metrics} under 0.2 s.
   */
  public static final java.time.Duration LINGER = java.time.Duration.ofMillis(100);
  /** Default byte bound of a live view. */
  public static final long LIVE_BYTES = 16L << 20;
  /** Default byte bound of a durable sink. */
  public static final long DURABLE_BYTES = 64L << 20;
  /**
   * Byte bound of a readings subscriber that keeps per-device state (alarm memory, latest values,
   * change filters): a reading it drops leaves that state stale until the value changes again,
   * and an unchanged Modbus block stays out of the readings for minutes. Room for one whole
   * reading of about 2,500 gensets (a first poll of an HGM9520N is ~51 kB estimated), the burst
   * of a fleet's first polls; 16 MiB dropped alarm readings at 1,000 gensets' start.
   */
  public static final long STATE_BYTES = 128L << 20;

  public SubscriberOptions {
    if (maxBytes < 1) throw new IllegalArgumentException("maxBytes must be ≥ 1: " + maxBytes);
    if (capacity < 1) throw new IllegalArgumentException("capacity must be ≥ 1: " + capacity);
    if (coalesceKeys < 1) throw new IllegalArgumentException("coalesceKeys must be ≥ 1: " + coalesceKeys);
    if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be ≥ 1: " + maxBatch);
    if (overflow == null) overflow = Overflow.COALESCE;
    if (linger == null || linger.isNegative()) throw new IllegalArgumentException("linger must be ≥ 0: " + linger);
  }

  /** With the default {@link #LINGER}. */
  public SubscriberOptions(int capacity, Overflow overflow, int coalesceKeys, int maxBatch, long maxBytes) {
    this(capacity, overflow, coalesceKeys, maxBatch, maxBytes, LINGER);
  }

  /** Bounded by {@link #LIVE_BYTES} when {@code overflow} coalesces, else {@link #DURABLE_BYTES}. */
  public SubscriberOptions(int capacity, Overflow overflow, int coalesceKeys, int maxBatch) {
    this(capacity, overflow, coalesceKeys, maxBatch, overflow == Overflow.DROP ? DURABLE_BYTES : LIVE_BYTES);
  }

  /** Live-view default: 8192 items or 16 MiB, coalesce up to 100,000 devices, batches of 512. */
  public static SubscriberOptions live() {
    return new SubscriberOptions(8192, Overflow.COALESCE, 100_000, 512, LIVE_BYTES);
  }

  /** Durable-sink default: a deep queue (bounded by 64 MiB too) that drops (counted) rather than coalesces. */
  public static SubscriberOptions durable(int capacity) {
    return new SubscriberOptions(capacity, Overflow.DROP, 1, 4096, DURABLE_BYTES);
  }

  /** The same options with another byte bound. */
  public SubscriberOptions withMaxBytes(long bytes) {
    return new SubscriberOptions(capacity, overflow, coalesceKeys, maxBatch, bytes, linger);
  }

  /** The same options with another linger. */
  public SubscriberOptions withLinger(java.time.Duration linger) {
    return new SubscriberOptions(capacity, overflow, coalesceKeys, maxBatch, maxBytes, linger);
  }
}
