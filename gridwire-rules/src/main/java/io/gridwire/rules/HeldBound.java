package io.gridwire.rules;

import java.time.Duration;
import java.time.Instant;

/**
 * A {@link Bound} with a hold delay: active once breached continuously for {@code hold}, inactive
 * once cleared. Shared by threshold and rate checks. Not thread-safe.
 */
final class HeldBound {
  private final Bound bound;
  private final Duration hold;
  private boolean active;
  private Instant breachedSince;

  HeldBound(Bound bound, Duration hold) {
    this.bound = bound;
    this.hold = hold;
  }

  boolean active() {
    return active;
  }

  /** Takes a new value received at {@code t} (gateway clock, as for {@link #tick}); returns the state after it. */
  boolean update(double v, Instant t) {
    if (active) {
      if (bound.cleared(v)) {
        active = false;
        breachedSince = null;
      }
    } else if (bound.breached(v)) {
      if (breachedSince == null) breachedSince = t;
      active = !t.isBefore(breachedSince.plus(hold));
    } else {
      breachedSince = null;
    }
    return active;
  }

  /** Raises when the hold has elapsed by {@code now}; returns true if that changed the state. */
  boolean tick(Instant now) {
    if (active || breachedSince == null || now.isBefore(breachedSince.plus(hold))) return false;
    active = true;
    return true;
  }

  /** Forgets a pending breach (the rule no longer applies) and returns to inactive. */
  void reset() {
    active = false;
    breachedSince = null;
  }
}
