package io.gridwire.store.redis;

import java.time.Duration;

/**
 * Redis for a fleet of gateway nodes (key prefix {@code redis}). Off by default: a single node
 * needs no Redis.
 *
 * @param uri Redis URI, e.g. {@code redis://127.0.0.1:6379/0} (password: {@code redis://:secret@host})
 * @param nodeId this node's id, unique in the fleet (e.g. host name)
 * @param keyPrefix prepended to every key and channel (default empty: the seed's names
 *     {@code ws:session:{id}}, {@code device:{id}:metrics}, {@code metrics:updates}); tests use a
 *     unique prefix per run
 * @param sessionTtl lifetime of a session directory entry without refresh (default 60 s)
 * @param refreshInterval how often a node refreshes its entries and re-claims them after an
 *     outage (default 15 s; must be below {@code sessionTtl})
 * @param commandTimeout bound of one Redis command (default 2 s)
 * @param requestTimeout bound of a request to another node (default 6 s)
 * @param reconnectMaxDelay longest wait between reconnection attempts (default 5 s)
 * @param nodeTtl lifetime of the node's liveness key, refreshed every third of it (default 15 s):
 *     a crashed node's devices are listed offline by the other nodes within it
 */
public record RedisConfig(String uri, String nodeId, String keyPrefix, Duration sessionTtl, Duration refreshInterval,
    Duration commandTimeout, Duration requestTimeout, Duration reconnectMaxDelay, Duration nodeTtl) {
  /** The default {@code nodeTtl}. */
  public static final Duration NODE_TTL = Duration.ofSeconds(15);

  /** With the default {@code nodeTtl}. */
  public RedisConfig(String uri, String nodeId, String keyPrefix, Duration sessionTtl, Duration refreshInterval,
      Duration commandTimeout, Duration requestTimeout, Duration reconnectMaxDelay) {
    this(uri, nodeId, keyPrefix, sessionTtl, refreshInterval, commandTimeout, requestTimeout, reconnectMaxDelay, NODE_TTL);
  }

  public RedisConfig {
    if (uri == null || !(uri.startsWith("redis://") || uri.startsWith("rediss://"))) {
      throw new IllegalArgumentException("redis.uri must start with redis:// or rediss://: " + uri);
    }
    if (nodeId == null || !nodeId.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("redis.nodeId must be 1..64 letters, digits, . _ -: " + nodeId);
    }
    keyPrefix = keyPrefix == null ? "" : keyPrefix;
    positive("redis.sessionTtl", sessionTtl);
    positive("redis.refreshInterval", refreshInterval);
    positive("redis.commandTimeout", commandTimeout);
    positive("redis.requestTimeout", requestTimeout);
    positive("redis.reconnectMaxDelay", reconnectMaxDelay);
    nodeTtl = nodeTtl == null ? NODE_TTL : nodeTtl;
    if (nodeTtl.compareTo(Duration.ofSeconds(3)) < 0) throw new IllegalArgumentException("redis.node_ttl must be at least 3s: " + nodeTtl);
    if (refreshInterval.compareTo(sessionTtl) >= 0) {
      throw new IllegalArgumentException("redis.refreshInterval must be below redis.sessionTtl: " + refreshInterval
          + " >= " + sessionTtl);
    }
  }

  private static void positive(String key, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(key + " must be positive: " + d);
  }

  /** The defaults above for a URI and node id. */
  public static RedisConfig of(String uri, String nodeId) {
    return new RedisConfig(uri, nodeId, "", Duration.ofSeconds(60), Duration.ofSeconds(15), Duration.ofSeconds(2),
        Duration.ofSeconds(6), Duration.ofSeconds(5));
  }

  public RedisConfig withKeyPrefix(String prefix) {
    return new RedisConfig(uri, nodeId, prefix, sessionTtl, refreshInterval, commandTimeout, requestTimeout, reconnectMaxDelay,
        nodeTtl);
  }

  public RedisConfig withTimings(Duration sessionTtl, Duration refreshInterval, Duration reconnectMaxDelay) {
    return new RedisConfig(uri, nodeId, keyPrefix, sessionTtl, refreshInterval, commandTimeout, requestTimeout, reconnectMaxDelay,
        nodeTtl);
  }

  public RedisConfig withNodeTtl(Duration nodeTtl) {
    return new RedisConfig(uri, nodeId, keyPrefix, sessionTtl, refreshInterval, commandTimeout, requestTimeout, reconnectMaxDelay,
        nodeTtl);
  }
}
