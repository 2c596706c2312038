package io.gridwire.store.write;

import io.gridwire.core.retry.Backoff;
import java.time.Duration;

/**
 * How a {@link BatchWriter} batches and retries.
 *
 * @param flushInterval longest time an item waits in the buffer before a write is attempted
 * @param flushMaxUnits write as soon as this many units (values, events) wait. A batch takes
 *     everything waiting up to {@link #batchCapUnits()}, so a backlog is written in fewer, larger
 *     transactions (group commit)
 * @param queueCapacity items (readings, events) the bus queues for the writer before dropping
 * @param maxBufferedUnits units kept while the store fails; beyond it the oldest are dropped
 *     and counted
 * @param minBackoff first retry delay after a failed write
 * @param maxBackoff retry delay cap (the delay doubles per failure)
 * @param closeTimeout how long {@code close()} keeps retrying a failing store before it gives
 *     up on what is left (counted as dropped)
 */
public record WriterSettings(
    Duration flushInterval,
    int flushMaxUnits,
    int queueCapacity,
    long maxBufferedUnits,
    Duration minBackoff,
    Duration maxBackoff,
    Duration closeTimeout) {

  public WriterSettings {
    new Backoff(minBackoff, maxBackoff); // validates the pair with a message naming both
    if (flushMaxUnits < 1) throw new IllegalArgumentException("flushMaxUnits must be ≥ 1: " + flushMaxUnits);
    if (maxBufferedUnits < flushMaxUnits) {
      throw new IllegalArgumentException("maxBufferedUnits must be ≥ flushMaxUnits: " + maxBufferedUnits);
    }
  }

  /** Retries from 100 ms doubling to 10 s; close waits up to 10 s for a failing store. */
  public static WriterSettings of(Duration flushInterval, int flushMaxUnits, int queueCapacity, long maxBufferedUnits) {
    return new WriterSettings(flushInterval, flushMaxUnits, queueCapacity, maxBufferedUnits,
        Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofSeconds(10));
  }

  public WriterSettings withCloseTimeout(Duration timeout) {
    return new WriterSettings(flushInterval, flushMaxUnits, queueCapacity, maxBufferedUnits, minBackoff, maxBackoff,
        timeout);
  }

  /** The largest batch handed to the store at once: 20 × {@code flushMaxUnits}, within the buffer bound. */
  public long batchCapUnits() {
    return Math.min(maxBufferedUnits, 20L * flushMaxUnits);
  }

  /** How often the timer checks whether a flush or retry is due. */
  Duration tick() {
    long ms = Math.clamp(flushInterval.toMillis() / 4, 10, 250);
    return Duration.ofMillis(ms);
  }
}
