package io.gridwire.core.port;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A durable, bounded first-in first-out queue of payloads waiting for delivery (store-and-forward:
 * the uplink and InfluxDB outboxes, notification queues, the OIG backfill).
 *
 * <pre>
 *   append ──▶ [seq 41][seq 42][seq 43] ... ──read(after, upTo) / oldest(key)──▶ sender ──remove / acknowledge
 *                 ▲ oldest: dropped first at the count or byte bound ({@link QueueBounds}), and by age (expire)
 * </pre>
 *
 * Delivery is at least once: an entry stays until it is removed, also across a restart (an
 * in-memory implementation keeps it for the life of the instance). Sequence numbers grow in append
 * order and are never reused, so {@code instanceId() + "-" + seq} is a stable message id. Every
 * drop is counted ({@link QueueStats#dropped()}) and logged, rate-limited, with what to change.
 *
 * <p>Implementations are thread-safe; every method may block on disk I/O and throws a runtime
 * exception when the store fails.
 */
public interface DurableQueue extends AutoCloseable {

  /** A random id fixed when the queue was first created; part of every message id. */
  String instanceId();

  /**
   * Appends the drafts in order as one commit: when this returns, they survive a crash. Beyond
   * the bounds the oldest entries (possibly some of these) are dropped.
   *
   * @return how many entries were dropped to stay within the count and byte bounds
   */
  int append(List<QueueEntry.Draft> drafts);

  /** Entries with {@code afterSeq < seq <= upToSeq}, ascending, at most {@code limit} (peek, nothing removed). */
  List<QueueEntry> read(long afterSeq, long upToSeq, int limit);

  /** The oldest entry whose key is {@code key}, if any (peek, nothing removed). */
  Optional<QueueEntry> oldest(String key);

  /** Entries held whose key is {@code key}. */
  long count(String key);

  /** Removes the given entries (delivered); unknown seqs are ignored. @return how many went. */
  int remove(Collection<Long> seqs);

  /** Removes every entry with {@code seq <= upToSeq} (delivered in order). @return how many went. */
  int acknowledge(long upToSeq);

  /** Drops entries appended before {@code cutoff} (counted as dropped). @return how many went. */
  int expire(Instant cutoff);

  /** The highest sequence number ever assigned (0 when none). */
  long lastSeq();

  QueueStats stats();

  @Override
  void close();
}
