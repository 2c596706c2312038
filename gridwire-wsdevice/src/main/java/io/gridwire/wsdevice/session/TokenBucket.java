package io.gridwire.wsdevice.session;

import java.time.Clock;

/**
 * Rate limit of one device session: {@code burst} tokens, refilled at {@code perSecond}; each
 * message takes one. Not thread-safe (one session's messages arrive one at a time).
 */
final class TokenBucket {
  private final Clock clock;
  private final double perMilli;
  private final double burst;
  private double tokens;
  private long lastMillis;

  TokenBucket(Clock clock, double perSecond, int burst) {
    this.clock = clock;
    this.perMilli = perSecond / 1000.0;
    this.burst = burst;
    this.tokens = burst;
    this.lastMillis = clock.millis();
  }

  /** Takes a token if one is left. */
  boolean tryTake() {
    long now = clock.millis();
    if (now > lastMillis) {
      tokens = Math.min(burst, tokens + (now - lastMillis) * perMilli);
      lastMillis = now;
    }
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  }
}
