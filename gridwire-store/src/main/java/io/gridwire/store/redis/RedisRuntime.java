package io.gridwire.store.redis;

import java.time.Duration;

/**
 * What the wiring gives the Redis fleet besides the user's {@link RedisConfig} keys.
 *
 * @param nodeId this node's id, unique in the fleet ({@code node.id})
 * @param commandTimeout bound of one Redis command; default 2 s
 * @param requestTimeout bound of a request to another node; default 6 s
 * @param reconnectMaxDelay longest wait between reconnection attempts; default 5 s
 */
public record RedisRuntime(String nodeId, Duration commandTimeout, Duration requestTimeout, Duration reconnectMaxDelay) {
  public RedisRuntime {
    if (nodeId == null || !nodeId.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("node.id must be 1..64 letters, digits, . _ - to name this node in a Redis fleet: "
          + nodeId);
    }
    positive("Redis command timeout", commandTimeout);
    positive("Redis request timeout", requestTimeout);
    positive("Redis reconnect delay", reconnectMaxDelay);
  }

  /** Node {@code nodeId} with the default bounds. */
  public static RedisRuntime of(String nodeId) {
    return new RedisRuntime(nodeId, Duration.ofSeconds(2), Duration.ofSeconds(6), Duration.ofSeconds(5));
  }

  public RedisRuntime withReconnectMaxDelay(Duration delay) {
    return new RedisRuntime(nodeId, commandTimeout, requestTimeout, delay);
  }

  private static void positive(String what, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(what + " must be positive: " + d);
  }
}
