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

/**
 * Admission of box connections: at most {@code max} at once, and at most {@code perMinute} new
 * ones per remote address in any sliding minute. Thread-safe.
 */
final class ConnectionLimiter {
  private final int max;
  private final int perMinute;
  private final Clock clock;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<InetAddress, Deque<Instant>> recent = new ConcurrentHashMap<>();

  ConnectionLimiter(int max, int perMinute, Clock clock) {
    this.max = max;
    this.perMinute = perMinute;
    this.clock = clock;
  }

  /** Null when admitted (call {@link #release} later), else why not. */
  String admit(InetAddress address) {
    Instant now = clock.instant();
    Deque<Instant> q = recent.computeIfAbsent(address, a -> new ArrayDeque<>());
    synchronized (q) {
      while (!q.isEmpty() && Duration.between(q.peekFirst(), now).toSeconds() >= 60) q.removeFirst();
      if (q.size() >= perMinute) return "more than " + perMinute + " connections per minute from " + address.getHostAddress();
      q.addLast(now);
    }
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      return "connection limit " + max + " reached";
    }
    return null;
  }

  void release() {
    open.decrementAndGet();
  }

  int open() {
    return open.get();
  }
}
