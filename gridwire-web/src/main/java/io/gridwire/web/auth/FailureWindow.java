package io.gridwire.web.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/** The failure instants of one key within a sliding window, at most {@code cap} of them. Not thread-safe. */
final class FailureWindow {
  private final ArrayDeque<Instant> failures = new ArrayDeque<>();
  private final int cap;

  FailureWindow(int cap) {
    this.cap = cap;
  }

  void add(Instant at) {
    failures.addLast(at);
    while (failures.size() > cap) failures.removeFirst();
  }

  /** Forgets the newest failure (an attempt that turned out to be good). */
  void undoLast() {
    failures.pollLast();
  }

  /** Failures after {@code now - window}; older ones are dropped. */
  int count(Instant now, Duration window) {
    Instant cutoff = now.minus(window);
    while (!failures.isEmpty() && !failures.peekFirst().isAfter(cutoff)) failures.removeFirst();
    return failures.size();
  }

  /** When the oldest failure still counted leaves the window; call after {@link #count}. */
  Instant oldestLeaves(Duration window) {
    return failures.isEmpty() ? Instant.MIN : failures.peekFirst().plus(window);
  }
}
