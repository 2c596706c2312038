package io.gridwire.core.bus;

/** A live subscription; closing it stops delivery and frees its thread. */
public interface Subscription extends AutoCloseable {
  String name();

  SubscriberStats stats();

  /** Stops delivery after the handler returns from the batch in progress. Idempotent. */
  @Override
  void close();

  /**
   * Waits until everything queued before this call has been handed to the handler, or the
   * timeout passes. Used for clean shutdown and tests.
   *
   * @return true when drained
   */
  boolean awaitDrained(java.time.Duration timeout) throws InterruptedException;
}
