package io.gridwire.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per client address in a sliding one-minute window. Once an address has
 * {@code limit} failures in the window, further attempts are refused until the oldest failure
 * leaves it. Memory is bounded: at most {@code maxAddresses} addresses are tracked (stale ones are
 * purged first; beyond that, new addresses are refused as if limited). Thread-safe.
 */
public final class LoginRateLimiter {
  static final Duration WINDOW = Duration.ofMinutes(1);
  private final Clock clock;
  private final int limit;
  private final int maxAddresses;
  private final Map<String, ArrayDeque<Instant>> failures = new ConcurrentHashMap<>();

  public LoginRateLimiter(Clock clock, int limit, int maxAddresses) {
    this.clock = clock;
    this.limit = limit;
    this.maxAddresses = maxAddresses;
  }

  /** @return zero when the address may try, else how long it must wait */
  public Duration retryAfter(String address) {
    ArrayDeque<Instant> q = failures.get(address);
    if (q == null) return failures.size() >= maxAddresses && purge() >= maxAddresses ? WINDOW : Duration.ZERO;
    Instant now = clock.instant();
    synchronized (q) {
      trim(q, now);
      if (q.size() < limit) return Duration.ZERO;
      return Duration.between(now, q.peekFirst().plus(WINDOW));
    }
  }

  public void failed(String address) {
    Instant now = clock.instant();
    ArrayDeque<Instant> q = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
    synchronized (q) {
      trim(q, now);
      q.addLast(now);
      while (q.size() > limit) q.removeFirst();
    }
  }

  public void succeeded(String address) {
    failures.remove(address);
  }

  private int purge() {
    Instant now = clock.instant();
    failures.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        trim(e.getValue(), now);
        return e.getValue().isEmpty();
      }
    });
    return failures.size();
  }

  private static void trim(ArrayDeque<Instant> q, Instant now) {
    Instant cutoff = now.minus(WINDOW);
    while (!q.isEmpty() && !q.peekFirst().isAfter(cutoff)) q.removeFirst();
  }
}
