package io.gridwire.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows password guessing without locking out the rightful user (see docs/security.md):
 *
 * <ul>
 *   <li>per (account, address): after {@code freeFailures} failures each further attempt must wait
 *       a delay that doubles up to a cap; other addresses are not affected;
 *   <li>per address, across accounts: at most {@code addressFailuresPerMinute} failures a minute;
 *   <li>per account, from every address: past {@code accountFailuresPerMinute} failures a minute
 *       each attempt is answered late (capped), never refused, so a correct password still works.
 * </ul>
 *
 * An attempt counts as a failure from {@link #attempt} on until {@link #succeeded}, so parallel
 * guesses cannot slip past the limits. Memory is bounded: each table keeps its {@code maxEntries}
 * most recently used keys. Thread-safe; never blocks.
 */
public final class LoginThrottle {
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration FORGET_PAIR = Duration.ofMinutes(15);
  private final Clock clock;
  private final ThrottlePolicy policy;
  private final Map<String, Pair> pairs;
  private final Map<String, FailureWindow> addresses;
  private final Map<String, FailureWindow> accounts;

  /** The verdict on an attempt. */
  public sealed interface Verdict {
    /** Check the credential, after answering {@code slowdown} late (the account is under attack). */
    record Go(Duration slowdown) implements Verdict {}

    /** Refused without checking the credential; try again after {@code retryAfter}. */
    record Wait(Duration retryAfter) implements Verdict {}
  }

  private static final class Pair {
    int failures;
    Instant last = Instant.MIN;
  }

  public LoginThrottle(Clock clock, ThrottlePolicy policy) {
    this.clock = clock;
    this.policy = policy;
    this.pairs = lru(policy.maxEntries());
    this.addresses = lru(policy.maxEntries());
    this.accounts = lru(policy.maxEntries());
  }

  /**
   * @param account the normalised account name (email), or null when the credential names none
   *     (a token): then only the address limit applies
   */
  public synchronized Verdict attempt(String account, String address) {
    Instant now = clock.instant();
    FailureWindow byAddress = addresses.computeIfAbsent(address, a -> new FailureWindow(policy.addressFailuresPerMinute()));
    Duration wait = Duration.ZERO;
    if (byAddress.count(now, MINUTE) >= policy.addressFailuresPerMinute()) {
      wait = Duration.between(now, byAddress.oldestLeaves(MINUTE));
    }
    Pair pair = account == null ? null : pair(account, address, now);
    if (pair != null) wait = max(wait, Duration.between(now, pair.last.plus(policy.pairDelay(pair.failures))));
    if (wait.isPositive()) return new Verdict.Wait(wait);
    byAddress.add(now);
    if (pair == null) return new Verdict.Go(Duration.ZERO);
    pair.failures++;
    pair.last = now;
    FailureWindow byAccount = accounts.computeIfAbsent(account, a -> new FailureWindow(policy.accountFailuresPerMinute() + 16));
    Duration slowdown = policy.accountSlowdown(byAccount.count(now, MINUTE));
    byAccount.add(now);
    return new Verdict.Go(slowdown);
  }

  /** The credential of an attempt was good: it is not a failure, and its pair starts afresh. */
  public synchronized void succeeded(String account, String address) {
    FailureWindow a = addresses.get(address);
    if (a != null) a.undoLast();
    if (account == null) return;
    pairs.remove(key(account, address));
    FailureWindow acc = accounts.get(account);
    if (acc != null) acc.undoLast();
  }

  /** Keys tracked now, per table: pairs, addresses, accounts (for tests and metrics). */
  public synchronized int[] sizes() {
    return new int[] {pairs.size(), addresses.size(), accounts.size()};
  }

  private Pair pair(String account, String address, Instant now) {
    Pair p = pairs.computeIfAbsent(key(account, address), k -> new Pair());
    if (p.failures > 0 && Duration.between(p.last, now).compareTo(FORGET_PAIR) > 0) p.failures = 0;
    return p;
  }

  private static String key(String account, String address) {
    return account + '\n' + address;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static <V> Map<String, V> lru(int max) {
    return new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > max;
      }
    };
  }
}
