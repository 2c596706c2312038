package io.gridwire.uplink.outbox;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * A durable first-in first-out store of messages for one outbound link (store-and-forward).
 *
 * <pre>
 *   append ──▶ [seq 41][seq 42][seq 43] ... ──read(after, upTo)──▶ sender ──delete(seqs)
 *                 ▲ oldest: dropped first at the count/byte bound and by age
 * </pre>
 *
 * Implementations are thread-safe; every method may block on I/O. Sequence numbers grow in append
 * order and are never reused, so {@code instanceId() + "-" + seq} is a stable message id.
 */
public interface Outbox extends AutoCloseable {

  /** A random id fixed when the store was created; part of every message id. */
  String instanceId();

  /**
   * Appends the drafts in order as one commit: when this returns, they survive a crash. If the
   * bound is exceeded, the oldest messages (possibly some of these) are dropped.
   *
   * @return how many messages were dropped to stay within the count and byte bounds
   */
  int append(List<OutboxEntry.Draft> drafts);

  /** Messages with {@code afterSeq < seq <= upToSeq}, ascending, at most {@code limit}. */
  List<OutboxEntry> read(long afterSeq, long upToSeq, int limit);

  /** Deletes the given messages (delivered); unknown seqs are ignored. @return how many went. */
  int delete(Collection<Long> seqs);

  /** Drops messages appended before {@code cutoff}. @return how many were dropped. */
  int expire(Instant cutoff);

  /** The highest sequence number ever assigned (0 when none). */
  long lastSeq();

  OutboxStats stats();

  @Override
  void close();
}
