package io.gridwire.web;

import java.time.Duration;

/**
 * Configuration of the HTTP/WebSocket server (key prefix {@code web}).
 *
 * @param host bind address (default {@code 0.0.0.0})
 * @param port TCP port, 0 for an ephemeral port (default 8080)
 * @param maxRequestBytes largest accepted request body in bytes; larger gets 413 (default 1 MiB)
 * @param maxWsMessageBytes largest accepted WebSocket message from a client in bytes; larger closes
 *     the socket with 1009 (default 64 KiB)
 * @param maxDevicesParam most device ids accepted in {@code ?devices=} (default 1000)
 * @param tokenTtl lifetime of a login token (default 12 h)
 * @param loginFailuresPerMinute failed logins allowed per client address, across accounts, per
 *     minute before 429 (default 10); see {@code LoginThrottle} for the per-account rules
 * @param wsClientQueue messages buffered per WebSocket client before coalescing per device
 *     (default 256)
 * @param wsClientCoalesceKeys devices kept coalesced per client beyond the queue before dropping
 *     (default 10,000)
 * @param wsIdleTimeout a WebSocket without any progress for this long is closed; the server pings
 *     every third of it (default 2 min)
 * @param bcryptCost bcrypt cost factor 4..31 (default 11; tests use 4)
 * @param security headers, CORS and who may read {@code /metrics} (default {@link HttpSecurity#defaults})
 * @param staticDir a folder of dashboard files served at {@code /}; null serves the classpath
 *     folder {@code /public} when present
 */
public record WebConfig(
    String host,
    int port,
    long maxRequestBytes,
    int maxWsMessageBytes,
    int maxDevicesParam,
    Duration tokenTtl,
    int loginFailuresPerMinute,
    int wsClientQueue,
    int wsClientCoalesceKeys,
    Duration wsIdleTimeout,
    int bcryptCost,
    HttpSecurity security,
    java.nio.file.Path staticDir) {

  public WebConfig {
    if (host == null || host.isBlank()) throw new IllegalArgumentException("web.host is blank");
    if (port < 0 || port > 65535) throw new IllegalArgumentException("web.port out of range: " + port);
    if (maxRequestBytes < 1024) throw new IllegalArgumentException("web.maxRequestBytes must be ≥ 1024: " + maxRequestBytes);
    if (maxWsMessageBytes < 128) throw new IllegalArgumentException("web.maxWsMessageBytes must be ≥ 128: " + maxWsMessageBytes);
    if (maxDevicesParam < 1) throw new IllegalArgumentException("web.maxDevicesParam must be ≥ 1: " + maxDevicesParam);
    if (tokenTtl == null || tokenTtl.isNegative() || tokenTtl.isZero()) {
      throw new IllegalArgumentException("web.tokenTtl must be positive: " + tokenTtl);
    }
    if (loginFailuresPerMinute < 1) {
      throw new IllegalArgumentException("web.loginFailuresPerMinute must be ≥ 1: " + loginFailuresPerMinute);
    }
    if (wsClientQueue < 1) throw new IllegalArgumentException("web.wsClientQueue must be ≥ 1: " + wsClientQueue);
    if (wsClientCoalesceKeys < 1) {
      throw new IllegalArgumentException("web.wsClientCoalesceKeys must be ≥ 1: " + wsClientCoalesceKeys);
    }
    if (wsIdleTimeout == null || wsIdleTimeout.toMillis() < 1000) {
      throw new IllegalArgumentException("web.wsIdleTimeout must be ≥ 1 s: " + wsIdleTimeout);
    }
    java.util.Objects.requireNonNull(security, "web.security");
    if (bcryptCost < 4 || bcryptCost > 31) throw new IllegalArgumentException("web.bcryptCost out of range 4..31: " + bcryptCost);
  }

  /** The defaults listed above. */
  public static WebConfig defaults() {
    return new WebConfig("0.0.0.0", 8080, 1024 * 1024, 64 * 1024, 1000, Duration.ofHours(12), 10, 256, 10_000,
        Duration.ofMinutes(2), 11, HttpSecurity.defaults(), null);
  }

  public WebConfig withHost(String host) {
    return new WebConfig(host, port, maxRequestBytes, maxWsMessageBytes, maxDevicesParam, tokenTtl,
        loginFailuresPerMinute, wsClientQueue, wsClientCoalesceKeys, wsIdleTimeout, bcryptCost, security, staticDir);
  }

  public WebConfig withPort(int port) {
    return new WebConfig(host, port, maxRequestBytes, maxWsMessageBytes, maxDevicesParam, tokenTtl,
        loginFailuresPerMinute, wsClientQueue, wsClientCoalesceKeys, wsIdleTimeout, bcryptCost, security, staticDir);
  }

  public WebConfig withBcryptCost(int bcryptCost) {
    return new WebConfig(host, port, maxRequestBytes, maxWsMessageBytes, maxDevicesParam, tokenTtl,
        loginFailuresPerMinute, wsClientQueue, wsClientCoalesceKeys, wsIdleTimeout, bcryptCost, security, staticDir);
  }

  public WebConfig withWsClientBuffer(int queue, int coalesceKeys) {
    return new WebConfig(host, port, maxRequestBytes, maxWsMessageBytes, maxDevicesParam, tokenTtl,
        loginFailuresPerMinute, queue, coalesceKeys, wsIdleTimeout, bcryptCost, security, staticDir);
  }

  public WebConfig withSecurity(HttpSecurity security) {
    return new WebConfig(host, port, maxRequestBytes, maxWsMessageBytes, maxDevicesParam, tokenTtl,
        loginFailuresPerMinute, wsClientQueue, wsClientCoalesceKeys, wsIdleTimeout, bcryptCost, security, staticDir);
  }

  public WebConfig withStaticDir(java.nio.file.Path dir) {
    return new WebConfig(host, port, maxRequestBytes, maxWsMessageBytes, maxDevicesParam, tokenTtl,
        loginFailuresPerMinute, wsClientQueue, wsClientCoalesceKeys, wsIdleTimeout, bcryptCost, security, dir);
  }
}
