package io.gridwire.web.auth;

import java.time.Duration;

/**
 * How {@link LoginThrottle} slows password guessing without locking out the rightful user.
 *
 * @param freeFailures failures of one account from one address before delays start (default 3)
 * @param firstDelay the first delay of a (account, address) pair; it doubles per further failure
 *     (default 1 s)
 * @param maxDelay the cap of that delay (default 60 s)
 * @param addressFailuresPerMinute failures from one address, across accounts, per minute before
 *     that address must wait (default 10)
 * @param accountFailuresPerMinute failures of one account, from any address, per minute before every
 *     attempt on it is answered late (default 5); a correct password still succeeds
 * @param maxAccountSlowdown the cap of that late answer, which starts at 1 s and doubles per failure
 *     (default 4 s)
 * @param maxEntries most keys tracked per table (pairs, addresses, accounts); least recently used
 *     go first (default 100,000)
 */
public record ThrottlePolicy(
    int freeFailures,
    Duration firstDelay,
    Duration maxDelay,
    int addressFailuresPerMinute,
    int accountFailuresPerMinute,
    Duration maxAccountSlowdown,
    int maxEntries) {

  public ThrottlePolicy {
    if (freeFailures < 0) throw new IllegalArgumentException("throttle freeFailures must be ≥ 0: " + freeFailures);
    if (firstDelay == null || !firstDelay.isPositive()) throw new IllegalArgumentException("throttle firstDelay must be positive");
    if (maxDelay == null || maxDelay.compareTo(firstDelay) < 0) throw new IllegalArgumentException("throttle maxDelay must be ≥ firstDelay");
    if (addressFailuresPerMinute < 1) throw new IllegalArgumentException("throttle addressFailuresPerMinute must be ≥ 1");
    if (accountFailuresPerMinute < 1) throw new IllegalArgumentException("throttle accountFailuresPerMinute must be ≥ 1");
    if (maxAccountSlowdown == null || maxAccountSlowdown.isNegative()) {
      throw new IllegalArgumentException("throttle maxAccountSlowdown must be ≥ 0");
    }
    if (maxEntries < 1) throw new IllegalArgumentException("throttle maxEntries must be ≥ 1: " + maxEntries);
  }

  /** The defaults above with these per-minute limits. */
  public static ThrottlePolicy of(int addressFailuresPerMinute, int accountFailuresPerMinute) {
    return new ThrottlePolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(60), addressFailuresPerMinute,
        accountFailuresPerMinute, Duration.ofSeconds(4), 100_000);
  }

  /** The delay after {@code failures} failures of one pair: 0, then first, doubling, to the cap. */
  Duration pairDelay(int failures) {
    return doubling(failures - freeFailures + 1, firstDelay, maxDelay);
  }

  /** How late an attempt on an account with {@code failures} recent failures is answered. */
  Duration accountSlowdown(int failures) {
    return doubling(failures - accountFailuresPerMinute + 1, Duration.ofSeconds(1), maxAccountSlowdown);
  }

  private static Duration doubling(int step, Duration first, Duration cap) {
    if (step <= 0) return Duration.ZERO;
    Duration d = first.multipliedBy(1L << Math.min(step - 1, 30));
    return d.compareTo(cap) > 0 ? cap : d;
  }
}
