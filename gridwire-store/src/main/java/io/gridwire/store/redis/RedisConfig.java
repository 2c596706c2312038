package io.gridwire.store.redis;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import java.time.Duration;

/**
 * The {@code redis} section: several nodes sharing state through Redis (SPEC §3.4, §4 Redis): the
 * WebSocket session directory, commands relayed to the node holding a session, latest values and
 * every reading. Off by default: a single node needs no Redis. What the wiring adds that is no key
 * (this node's id, command and request bounds) is {@link RedisRuntime}.
 */
public record RedisConfig(
    @Doc("Join a fleet through Redis (off = a single node; nothing else changes).") boolean enabled,
    @Doc("Redis URI, redis:// or rediss:// (a password in it is better given by env GRIDWIRE_REDIS_URI).") String uri,
    @Doc("Prefix of every key and channel (empty = the names of the standalone poller and ws-device-server: ws:session:{id}, device:{id}:metrics, metrics:updates).") String keyPrefix,
    @Doc("Lifetime of a session's directory entry; refreshed while the session lives.") Duration sessionTtl,
    @Doc("How often a node refreshes its entries (below session_ttl).") Duration refreshInterval,
    @Doc("Lifetime of the node's liveness key, refreshed every third of it (at least 3s): other nodes list a crashed node's devices offline within it.") Duration nodeTtl) {

  public RedisConfig {
    if (enabled && (uri == null || !(uri.startsWith("redis://") || uri.startsWith("rediss://")))) {
      throw new IllegalArgumentException("redis.uri must start with redis:// or rediss://: " + masked(uri));
    }
    keyPrefix = keyPrefix == null ? "" : keyPrefix;
    Check.positive("redis.session_ttl", sessionTtl);
    Check.positive("redis.refresh_interval", refreshInterval);
    if (refreshInterval.compareTo(sessionTtl) >= 0) {
      throw new IllegalArgumentException("redis.refresh_interval must be below redis.session_ttl");
    }
    Check.positive("redis.node_ttl", nodeTtl);
    if (nodeTtl.compareTo(Duration.ofSeconds(3)) < 0) throw new IllegalArgumentException("redis.node_ttl must be at least 3s: " + nodeTtl);
  }

  /** Off; 127.0.0.1:6379, no prefix, sessions 60 s refreshed every 15 s, node liveness 15 s. */
  public static RedisConfig defaults() {
    return new RedisConfig(false, "redis://127.0.0.1:6379", "", Duration.ofSeconds(60), Duration.ofSeconds(15),
        Duration.ofSeconds(15));
  }

  /** On, at {@code uri}, every other key at its default. */
  public static RedisConfig of(String uri) {
    RedisConfig d = defaults();
    return new RedisConfig(true, uri, d.keyPrefix, d.sessionTtl, d.refreshInterval, d.nodeTtl);
  }

  public RedisConfig withKeyPrefix(String prefix) {
    return new RedisConfig(enabled, uri, prefix, sessionTtl, refreshInterval, nodeTtl);
  }

  public RedisConfig withTimings(Duration sessionTtl, Duration refreshInterval) {
    return new RedisConfig(enabled, uri, keyPrefix, sessionTtl, refreshInterval, nodeTtl);
  }

  public RedisConfig withNodeTtl(Duration nodeTtl) {
    return new RedisConfig(enabled, uri, keyPrefix, sessionTtl, refreshInterval, nodeTtl);
  }

  /** The URI without a password in it, for logs and health. */
  public String safeUri() {
    return masked(uri);
  }

  private static String masked(String uri) {
    return uri == null ? null : uri.replaceAll("//[^@/]*@", "//***@");
  }

  @Override
  public String toString() {
    return "RedisConfig[enabled=" + enabled + ", uri=" + masked(uri) + ", keyPrefix=" + keyPrefix + "]";
  }
}
