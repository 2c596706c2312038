package io.gridwire.app.config;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import java.time.Duration;
import java.util.List;

/** REST, WebSocket and dashboard server. */
public record HttpConfig(
    @Doc("Address to listen on.") String host,
    @Doc("TCP port (0 = any free port).") int port,
    @Doc("Largest accepted request body, bytes.") int maxRequestBytes,
    @Doc("Largest accepted WebSocket message, bytes.") int maxWsMessageBytes,
    @Doc("Most device ids accepted in /ws/metrics?devices=.") int maxDevicesParam,
    @Doc("Lifetime of a login token.") Duration tokenTtl,
    @Doc("Failed logins allowed per client address per minute before 429.") int loginFailuresPerMinute,
    @Doc("Serve Prometheus /metrics to anyone, without a token (only on a trusted network).") boolean metricsOpen,
    @Doc("A bearer token that may read /metrics only, for Prometheus (env GRIDWIRE_HTTP_METRICS_SCRAPE_TOKEN; at least 16 characters); viewer and admin sessions may read it too.") String metricsScrapeToken,
    @Doc("Who may show the dashboard in a frame (CSP frame-ancestors): 'self' suits Home Assistant's ingress; 'none' forbids framing.") String frameAncestors,
    @Doc("Origins (https://host[:port]) whose pages may call the API from a browser (CORS); empty sends no CORS headers.") List<String> corsOrigins,
    @Doc("Serve the dashboard from this folder instead of the copy inside the jar (for dashboard development).") String staticDir) {
  public HttpConfig {
    Check.range("http.port", port, 0, 65535);
    Check.range("http.max_request_bytes", maxRequestBytes, 1024, 64 * 1024 * 1024);
    Check.range("http.max_ws_message_bytes", maxWsMessageBytes, 1024, 16 * 1024 * 1024);
    Check.range("http.max_devices_param", maxDevicesParam, 1, 100_000);
    Check.positive("http.token_ttl", tokenTtl);
    Check.range("http.login_failures_per_minute", loginFailuresPerMinute, 1, 10_000);
    Check.nonBlank("http.host", host);
    Check.nonBlank("http.frame_ancestors", frameAncestors);
    corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
  }

  public static HttpConfig defaults() {
    return new HttpConfig("0.0.0.0", 8080, 1 << 20, 64 << 10, 1000, Duration.ofHours(12), 10, false, null, "'self'", List.of(),
        null);
  }

  @Override
  public String toString() {
    return "HttpConfig[host=" + host + ", port=" + port + ", maxRequestBytes=" + maxRequestBytes + ", maxWsMessageBytes="
        + maxWsMessageBytes + ", maxDevicesParam=" + maxDevicesParam + ", tokenTtl=" + tokenTtl
        + ", loginFailuresPerMinute=" + loginFailuresPerMinute + ", metricsOpen=" + metricsOpen + ", metricsScrapeToken="
        + (metricsScrapeToken == null ? "unset" : "***") + ", frameAncestors=" + frameAncestors + ", corsOrigins="
        + corsOrigins + ", staticDir=" + staticDir + "]";
  }
}
