package io.gridwire.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Replays a peer outage against a retry policy in virtual time: the peer is down from the first
 * attempt for {@code outage}; every attempt while it is down fails after {@code failedAttempt}
 * and the loop then waits the policy's next delay. The answer is how long after the peer's return
 * the next attempt starts, the figure an operator sees as "came back late".
 */
public final class OutageReplay {
  /** The outage lengths the hardening issue names: 10 s, 2 min, 10 min. */
  public static final List<Duration> OUTAGES = List.of(Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofMinutes(10));

  private OutageReplay() {}

  /**
   * @param nextDelay the loop's delay after one more failure (e.g. {@code attempts::next})
   * @return from the peer's return to the first attempt that finds it up: at most the policy's
   *     cap plus one failed attempt (the one under way when the peer returns)
   */
  public static Duration reconnectLag(Supplier<Duration> nextDelay, Duration outage, Duration failedAttempt) {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    Instant back = clock.instant().plus(outage);
    while (clock.instant().isBefore(back)) {
      clock.advance(failedAttempt);
      clock.advance(nextDelay.get());
    }
    return Duration.between(back, clock.instant());
  }
}
