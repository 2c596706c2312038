package io.gridwire.oig.proxy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The deadlines of one {@link IoLoop}'s sessions, checked by the loop every {@link #period}
 * instead of a timer per wait: a box connection's idle and half-read-frame deadlines and a cloud
 * answer's deadline.
 *
 * <p>Why: a timer per read and per answer wait costs a timer insert and cancel per frame; a sweep
 * every period costs nothing per frame. A deadline is then noticed up to one period late (a
 * twentieth of the shortest timeout, at most 250 ms). Loop only.
 */
final class DeadlineSweep implements Runnable {
  /** Something with a deadline, checked at every sweep. */
  interface Watched {
    /** Acts when a deadline passed at {@code nowNanos} ({@link System#nanoTime}), which is {@code now}. */
    void sweep(long nowNanos, Instant now);
  }

  private final Set<Watched> watched = new java.util.LinkedHashSet<>();
  /** The set as an array, rebuilt when it changed: a sweep may close a session, which leaves the set. */
  private Watched[] snapshot = new Watched[0];
  private boolean changed;
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
    changed |= watched.add(w);
  }

  void remove(Watched w) {
    changed |= watched.remove(w);
  }

  @Override
  public void run() {
    long nanos = System.nanoTime();
    Instant now = clock.instant();
    if (changed) {
      snapshot = watched.toArray(new Watched[0]);
      changed = false;
    }
    for (Watched w : snapshot) {
      try {
        w.sweep(nanos, now);
      } catch (RuntimeException e) {
        // one broken entry must not stop the others' deadlines
        org.slf4j.LoggerFactory.getLogger(DeadlineSweep.class).warn("OIG deadline sweep: {}", e.toString());
      }
    }
  }
}
