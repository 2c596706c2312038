package io.gridwire.web;

import java.net.URI;
import java.util.List;

/**
 * What browsers and scrapers may do with the server (key prefix {@code http}); see
 * docs/security.md.
 *
 * @param frameAncestors who may show the dashboard in a frame: the CSP {@code frame-ancestors}
 *     sources, e.g. {@code 'self'} (default; Home Assistant's ingress frames it same-origin),
 *     {@code 'none'}, or {@code 'self' https://ha.example.com}
 * @param corsOrigins origins ({@code https://host[:port]}) whose pages may call the API from a
 *     browser; empty (default) sends no CORS headers at all
 * @param metricsOpen whether {@code /metrics} is served without any credential (default false)
 * @param metricsScrapeToken a bearer token that may read {@code /metrics} only (for Prometheus),
 *     besides any viewer or admin session; null for none. At least 16 characters.
 */
public record HttpSecurity(String frameAncestors, List<String> corsOrigins, boolean metricsOpen, String metricsScrapeToken) {

  public HttpSecurity {
    if (frameAncestors == null || frameAncestors.isBlank() || !frameAncestors.matches("[^;,\\r\\n]+")) {
      throw new IllegalArgumentException("http.frame_ancestors must be CSP sources without ';' or ',': " + frameAncestors);
    }
    corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
    for (String o : corsOrigins) checkOrigin(o);
    if (metricsScrapeToken != null && metricsScrapeToken.isBlank()) metricsScrapeToken = null;
    if (metricsScrapeToken != null && metricsScrapeToken.length() < 16) {
      throw new IllegalArgumentException("http.metrics_scrape_token must have at least 16 characters");
    }
  }

  /** The defaults listed above. */
  public static HttpSecurity defaults() {
    return new HttpSecurity("'self'", List.of(), false, null);
  }

  public HttpSecurity withMetricsOpen(boolean open) {
    return new HttpSecurity(frameAncestors, corsOrigins, open, metricsScrapeToken);
  }

  private static void checkOrigin(String origin) {
    URI u;
    try {
      u = URI.create(origin);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("http.cors_origins: not an origin: " + origin);
    }
    boolean ok = ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null
        && (u.getRawPath() == null || u.getRawPath().isEmpty()) && u.getRawQuery() == null && u.getUserInfo() == null;
    if (!ok) throw new IllegalArgumentException("http.cors_origins: an origin is scheme://host[:port] without a path: " + origin);
  }

  @Override
  public String toString() {
    return "HttpSecurity[frameAncestors=" + frameAncestors + ", corsOrigins=" + corsOrigins + ", metricsOpen="
        + metricsOpen + ", metricsScrapeToken=" + (metricsScrapeToken == null ? "unset" : "***") + "]";
  }
}
