package io.gridwire.uplink.ws;

/**
 * Token bucket for the backlog drain: {@code perSecond} tokens a second, at most one second's
 * worth stored. Uses {@link System#nanoTime()}: a throughput limit, not business time. Not
 * thread-safe.
 */
final class RateLimiter {
  private final double perSecond;
  private double tokens;
  private long last = System.nanoTime();

  RateLimiter(int perSecond) {
    this.perSecond = perSecond;
    this.tokens = Math.min(perSecond, 10);
  }

  /** Takes up to {@code want} tokens and returns how many were taken (0 when empty). */
  int take(int want) {
    long now = System.nanoTime();
    tokens = Math.min(perSecond, tokens + (now - last) / 1e9 * perSecond);
    last = now;
    int n = (int) Math.min(want, Math.floor(tokens));
    tokens -= n;
    return Math.max(n, 0);
  }

  /** Returns unused tokens (read fewer messages than taken). */
  void giveBack(int n) {
    tokens = Math.min(perSecond, tokens + n);
  }
}
