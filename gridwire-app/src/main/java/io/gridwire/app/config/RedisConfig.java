package io.gridwire.app.config;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import java.time.Duration;

/**
 * Several nodes sharing state through Redis (SPEC §3.4, §4 Redis): the WebSocket session
 * directory, commands relayed to the node holding a session, latest values and every reading.
 */
public record RedisConfig(
    @Doc("Join a fleet through Redis (off = a single node; nothing else changes).") boolean enabled,
    @Doc("Redis URI, redis:// or rediss:// (a password in it is better given by env GRIDWIRE_REDIS_URI).") String uri,
    @Doc("Prefix of every key and channel (empty = the seed's names: ws:session:{id}, device:{id}:metrics, metrics:updates).") String keyPrefix,
    @Doc("Lifetime of a session's directory entry; refreshed while the session lives.") Duration sessionTtl,
    @Doc("How often a node refreshes its entries (below session_ttl).") Duration refreshInterval,
    @Doc("Lifetime of the node's liveness key, refreshed every third of it (at least 3s): other nodes list a crashed node's devices offline within it.") Duration nodeTtl) {
  public RedisConfig {
    if (enabled) Check.nonBlank("redis.uri", uri);
    keyPrefix = keyPrefix == null ? "" : keyPrefix;
    Check.positive("redis.session_ttl", sessionTtl);
    Check.positive("redis.refresh_interval", refreshInterval);
    if (refreshInterval.compareTo(sessionTtl) >= 0) {
      throw new IllegalArgumentException("redis.refresh_interval must be below redis.session_ttl");
    }
    Check.positive("redis.node_ttl", nodeTtl);
    if (nodeTtl.compareTo(Duration.ofSeconds(3)) < 0) throw new IllegalArgumentException("redis.node_ttl must be at least 3s: " + nodeTtl);
  }

  public static RedisConfig defaults() {
    return new RedisConfig(false, "redis://127.0.0.1:6379", "", Duration.ofSeconds(60), Duration.ofSeconds(15),
        Duration.ofSeconds(15));
  }

  @Override
  public String toString() {
    return "RedisConfig[enabled=" + enabled + ", uri=" + (uri == null ? null : uri.replaceAll("//[^@/]*@", "//***@"))
        + ", keyPrefix=" + keyPrefix + "]";
  }
}
