package io.gridwire.notify;

import java.util.List;

/**
 * A durable first-in first-out queue of notification bodies waiting for delivery. The gateway
 * backs it with the uplink's SQLite outbox (one file per webhook), so what is queued survives a
 * restart. Bounded: beyond its bound the oldest entries are dropped and counted.
 *
 * <p>Thread-safe; every method may block on disk I/O.
 */
public interface DeliveryQueue extends AutoCloseable {

  /**
   * Appends in order, in one commit.
   *
   * @return how many of the oldest entries were dropped to stay within the bound
   */
  int append(List<String> bodies);

  /** The oldest entries, at most {@code limit}, oldest first. */
  List<Entry> peek(int limit);

  /** Removes a delivered entry. */
  void delete(long seq);

  /** Entries waiting. */
  long size();

  /** A human description of the bound, for log lines ("100000 messages / 64 MiB / 7d"). */
  String bound();

  @Override
  void close();

  /**
   * @param seq position, increasing in append order
   * @param body the notification body
   */
  record Entry(long seq, String body) {}
}
