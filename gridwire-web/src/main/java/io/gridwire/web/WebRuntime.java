package io.gridwire.web;

import java.time.Duration;

/**
 * What the wiring gives the web server besides the user's {@link WebConfig} keys.
 *
 * @param bcryptCost bcrypt cost factor 4..31 ({@code auth.bcrypt_cost}; default 11, tests use 4)
 * @param wsClientQueue messages buffered per {@code /ws/metrics} client before coalescing per
 *     device (≥ 1; default 256)
 * @param wsClientCoalesceKeys devices kept coalesced per client beyond the queue before dropping
 *     (≥ 1; default 10,000)
 * @param wsIdleTimeout a WebSocket without any progress for this long is closed; the server pings
 *     every third of it (≥ 1 s; default 2 min)
 */
public record WebRuntime(int bcryptCost, int wsClientQueue, int wsClientCoalesceKeys, Duration wsIdleTimeout) {
  public static final WebRuntime DEFAULT = new WebRuntime(11, 256, 10_000, Duration.ofMinutes(2));

  public WebRuntime {
    if (bcryptCost < 4 || bcryptCost > 31) throw new IllegalArgumentException("auth.bcrypt_cost out of range 4..31: " + bcryptCost);
    if (wsClientQueue < 1) throw new IllegalArgumentException("WebSocket client queue must be ≥ 1: " + wsClientQueue);
    if (wsClientCoalesceKeys < 1) {
      throw new IllegalArgumentException("WebSocket client coalesced devices must be ≥ 1: " + wsClientCoalesceKeys);
    }
    if (wsIdleTimeout == null || wsIdleTimeout.toMillis() < 1000) {
      throw new IllegalArgumentException("WebSocket idle timeout must be ≥ 1 s: " + wsIdleTimeout);
    }
  }

  public WebRuntime withBcryptCost(int cost) {
    return new WebRuntime(cost, wsClientQueue, wsClientCoalesceKeys, wsIdleTimeout);
  }

  public WebRuntime withWsClientBuffer(int queue, int coalesceKeys) {
    return new WebRuntime(bcryptCost, queue, coalesceKeys, wsIdleTimeout);
  }
}
