package io.gridwire.oig.proxy;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Admission of box connections: at most {@code max} at once, and at most {@code perMinute} new
 * ones per remote address in any sliding minute. Only admitted connections count against an
 * address's rate; a connection refused by either limit does not. Addresses silent for a minute
 * are forgotten, so a stream of distinct addresses (a port scan) does not grow memory.
 * Refusals are counted by limit ({@link #refusedAtCap}, {@link #refusedByRate}). Thread-safe: each
 * address's window is updated atomically.
 */
final class ConnectionLimiter {
  private static final Duration WINDOW = Duration.ofMinutes(1);

  private final int max;
  private final int perMinute;
  private final Clock clock;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong refusedAtCap = new AtomicLong();
  private final AtomicLong refusedByRate = new AtomicLong();
  private final Map<InetAddress, Deque<Instant>> recent = new ConcurrentHashMap<>();
  private final AtomicReference<Instant> lastSweep;

  ConnectionLimiter(int max, int perMinute, Clock clock) {
    this.max = max;
    this.perMinute = perMinute;
    this.clock = clock;
    this.lastSweep = new AtomicReference<>(clock.instant());
  }

  /** Null when admitted (call {@link #release} later), else why not. */
  String admit(InetAddress address) {
    Instant now = clock.instant();
    sweep(now);
    String[] why = new String[1];
    recent.compute(address, (a, q) -> {
      Deque<Instant> window = q == null ? new ArrayDeque<>() : q;
      expire(window, now);
      if (window.size() >= perMinute) {
        why[0] = "more than " + perMinute + " connections per minute from " + a.getHostAddress();
        refusedByRate.incrementAndGet();
      } else if (open.incrementAndGet() > max) {
        open.decrementAndGet();
        why[0] = "connection limit " + max + " reached";
        refusedAtCap.incrementAndGet();
      } else {
        window.addLast(now);
      }
      return window.isEmpty() ? null : window;
    });
    return why[0];
  }

  void release() {
    open.decrementAndGet();
  }

  /** Connections refused by the concurrent cap ({@code oig.maxConnections}) since start. */
  long refusedAtCap() {
    return refusedAtCap.get();
  }

  /** Connections refused by the per-address rate ({@code oig.maxConnectsPerMinute}) since start. */
  long refusedByRate() {
    return refusedByRate.get();
  }

  int open() {
    return open.get();
  }

  /** Addresses with a connection in the last minute (as of the last admission). */
  int trackedAddresses() {
    return recent.size();
  }

  /** At most once a window, forgets addresses whose connections are all older than the window. */
  private void sweep(Instant now) {
    Instant last = lastSweep.get();
    if (now.isBefore(last.plus(WINDOW)) || !lastSweep.compareAndSet(last, now)) return;
    for (InetAddress a : recent.keySet()) {
      recent.computeIfPresent(a, (k, q) -> {
        expire(q, now);
        return q.isEmpty() ? null : q;
      });
    }
  }

  private static void expire(Deque<Instant> q, Instant now) {
    while (!q.isEmpty() && !now.isBefore(q.peekFirst().plus(WINDOW))) q.removeFirst();
  }
}
