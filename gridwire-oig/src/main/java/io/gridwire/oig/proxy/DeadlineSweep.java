package io.gridwire.oig.proxy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The proxy's deadlines in the common case, checked by one timer instead of one per wait: a box
 * connection's idle deadline and a cloud answer's deadline.
 *
 * <p>Why: a timed wait of a virtual thread (a socket read with a timeout, {@code awaitNanos})
 * registers a timer with the scheduler's delay thread and cancels it when the wait ends, and both
 * wake that thread. With a timed box read and a timed answer wait per frame, the delay thread woke
 * about three times per frame and took a third as much CPU as the proxying itself (1,000 boxes). A
 * sweep every {@link #period} costs nothing per frame; a deadline is then noticed up to one period
 * late (a twentieth of the shortest timeout, at most 250 ms). Thread-safe.
 */
final class DeadlineSweep implements Runnable {
  /** Something with a deadline, checked at every sweep. */
  interface Watched {
    /** Acts when a deadline passed at {@code nowNanos} ({@link System#nanoTime}), which is {@code now}. */
    void sweep(long nowNanos, Instant now);
  }

  private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
  private final Clock clock;

  /** @param clock the proxy's clock, for deadlines kept as instants (the idle deadline) */
  DeadlineSweep(Clock clock) {
    this.clock = clock;
  }

  /** A twentieth of the shortest of the answer, idle and partial-frame timeouts, between 5 and 250 ms. */
  static Duration period(OigConfig c) {
    Duration shortest = c.answerTimeout();
    if (c.idleTimeout().compareTo(shortest) < 0) shortest = c.idleTimeout();
    if (c.partialFrameTimeout().compareTo(shortest) < 0) shortest = c.partialFrameTimeout();
    long ms = shortest.toMillis() / 20;
    return Duration.ofMillis(Math.max(5, Math.min(250, ms)));
  }

  void add(Watched w) {
    watched.add(w);
  }

  void remove(Watched w) {
    watched.remove(w);
  }

  int size() {
    return watched.size();
  }

  @Override
  public void run() {
    long nanos = System.nanoTime();
    Instant now = clock.instant();
    for (Watched w : watched) {
      try {
        w.sweep(nanos, now);
      } catch (RuntimeException e) {
        // one broken entry must not stop the others' deadlines
        org.slf4j.LoggerFactory.getLogger(DeadlineSweep.class).warn("OIG deadline sweep: {}", e.toString());
      }
    }
  }
}
