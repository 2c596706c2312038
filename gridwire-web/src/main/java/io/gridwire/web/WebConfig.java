package io.gridwire.web;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code http} section: the REST, WebSocket and dashboard server. Each component is one key;
 * what the wiring adds that is no key (the bcrypt cost of {@code auth}, WebSocket buffers) is
 * {@link WebRuntime}.
 */
public record WebConfig(
    @Doc("Address to listen on.") String host,
    @Doc("TCP port (0 = any free port).") int port,
    @Doc("Largest accepted request body, bytes.") int maxRequestBytes,
    @Doc("Largest accepted WebSocket message, bytes.") int maxWsMessageBytes,
    @Doc("Most device ids accepted in /ws/metrics?devices=.") int maxDevicesParam,
    @Doc("Lifetime of a login token.") Duration tokenTtl,
    @Doc("Failed logins allowed per client address per minute before 429.") int loginFailuresPerMinute,
    @Doc("Serve Prometheus /metrics to anyone, without a token (only on a trusted network).") boolean metricsOpen,
    @Doc("A bearer token that may read /metrics only, for Prometheus (env GRIDWIRE_HTTP_METRICS_SCRAPE_TOKEN; "
        + "at least 16 characters); viewer and admin sessions may read it too.") String metricsScrapeToken,
    @Doc("Who may show the dashboard in a frame (CSP frame-ancestors): 'self' suits Home Assistant's ingress; 'none' forbids framing.") String frameAncestors,
    @Doc("Origins (https://host[:port]) whose pages may call the API from a browser (CORS); empty sends no CORS headers.") List<String> corsOrigins,
    @Doc("Serve the dashboard from this folder instead of the copy inside the jar (for dashboard development).") String staticDir) {

  public WebConfig {
    Check.nonBlank("http.host", host);
    Check.range("http.port", port, 0, 65535);
    Check.range("http.max_request_bytes", maxRequestBytes, 1024, 64 * 1024 * 1024);
    Check.range("http.max_ws_message_bytes", maxWsMessageBytes, 1024, 16 * 1024 * 1024);
    Check.range("http.max_devices_param", maxDevicesParam, 1, 100_000);
    Check.positive("http.token_ttl", tokenTtl);
    Check.range("http.login_failures_per_minute", loginFailuresPerMinute, 1, 10_000);
    Check.nonBlank("http.frame_ancestors", frameAncestors);
    corsOrigins = Check.list(corsOrigins);
    if (metricsScrapeToken != null && metricsScrapeToken.isBlank()) metricsScrapeToken = null;
    staticDir = staticDir == null || staticDir.isBlank() ? null : staticDir;
    new HttpSecurity(frameAncestors, corsOrigins, metricsOpen, metricsScrapeToken); // checks the CSP sources and origins
  }

  /** 0.0.0.0:8080, 1 MiB requests, 64 KiB WebSocket messages, 12 h tokens, framing by 'self' only. */
  public static WebConfig defaults() {
    return new WebConfig("0.0.0.0", 8080, 1 << 20, 64 << 10, 1000, Duration.ofHours(12), 10, false, null, "'self'",
        List.of(), null);
  }

  /** Headers, CORS and who may read {@code /metrics}. */
  public HttpSecurity security() {
    return new HttpSecurity(frameAncestors, corsOrigins, metricsOpen, metricsScrapeToken);
  }

  /** The folder of dashboard files served at {@code /}; null serves the classpath folder {@code /public}. */
  public Path staticPath() {
    return staticDir == null ? null : Path.of(staticDir);
  }

  public WebConfig withHost(String host) {
    return new WebConfig(host, port, maxRequestBytes, maxWsMessageBytes, maxDevicesParam, tokenTtl, loginFailuresPerMinute,
        metricsOpen, metricsScrapeToken, frameAncestors, corsOrigins, staticDir);
  }

  public WebConfig withPort(int port) {
    return new WebConfig(host, port, maxRequestBytes, maxWsMessageBytes, maxDevicesParam, tokenTtl, loginFailuresPerMinute,
        metricsOpen, metricsScrapeToken, frameAncestors, corsOrigins, staticDir);
  }

  public WebConfig withSecurity(HttpSecurity s) {
    return new WebConfig(host, port, maxRequestBytes, maxWsMessageBytes, maxDevicesParam, tokenTtl, loginFailuresPerMinute,
        s.metricsOpen(), s.metricsScrapeToken(), s.frameAncestors(), s.corsOrigins(), staticDir);
  }

  public WebConfig withStaticDir(Path dir) {
    return new WebConfig(host, port, maxRequestBytes, maxWsMessageBytes, maxDevicesParam, tokenTtl, loginFailuresPerMinute,
        metricsOpen, metricsScrapeToken, frameAncestors, corsOrigins, dir == null ? null : dir.toString());
  }

  @Override
  public String toString() {
    return "WebConfig[host=" + host + ", port=" + port + ", maxRequestBytes=" + maxRequestBytes + ", maxWsMessageBytes="
        + maxWsMessageBytes + ", maxDevicesParam=" + maxDevicesParam + ", tokenTtl=" + tokenTtl
        + ", loginFailuresPerMinute=" + loginFailuresPerMinute + ", metricsOpen=" + metricsOpen + ", metricsScrapeToken="
        + (metricsScrapeToken == null ? "unset" : "***") + ", frameAncestors=" + frameAncestors + ", corsOrigins="
        + corsOrigins + ", staticDir=" + staticDir + "]";
  }
}
