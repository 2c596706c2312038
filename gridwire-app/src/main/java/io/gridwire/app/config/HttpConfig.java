package io.gridwire.app.config;

import java.time.Duration;

/** REST, WebSocket and dashboard server. */
public record HttpConfig(
    @Doc("Address to listen on.") String host,
    @Doc("TCP port (0 = any free port).") int port,
    @Doc("Largest accepted request body, bytes.") int maxRequestBytes,
    @Doc("Largest accepted WebSocket message, bytes.") int maxWsMessageBytes,
    @Doc("Most device ids accepted in /ws/metrics?devices=.") int maxDevicesParam,
    @Doc("Lifetime of a login token.") Duration tokenTtl,
    @Doc("Failed logins allowed per client address per minute before 429.") int loginFailuresPerMinute,
    @Doc("Serve Prometheus /metrics without a token (for scrapers on a trusted network).") boolean metricsOpen,
    @Doc("Serve the dashboard from this folder instead of the copy inside the jar (for dashboard development).") String staticDir) {
  public HttpConfig {
    Check.range("http.port", port, 0, 65535);
    Check.range("http.max_request_bytes", maxRequestBytes, 1024, 64 * 1024 * 1024);
    Check.range("http.max_ws_message_bytes", maxWsMessageBytes, 1024, 16 * 1024 * 1024);
    Check.range("http.max_devices_param", maxDevicesParam, 1, 100_000);
    Check.positive("http.token_ttl", tokenTtl);
    Check.range("http.login_failures_per_minute", loginFailuresPerMinute, 1, 10_000);
    Check.nonBlank("http.host", host);
  }

  public static HttpConfig defaults() {
    return new HttpConfig("0.0.0.0", 8080, 1 << 20, 64 << 10, 1000, Duration.ofHours(12), 10, true, null);
  }
}
