package io.gridwire.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {
  final TestGateway gw = new TestGateway();

  @AfterEach
  void stop() {
    gw.close();
  }

  @Test
  void dashboard_default_cspNosniffReferrerAndSameOriginFraming() {
    gw.start();
    HttpResponse<String> r = gw.get("/", null);
    assertThat(r.statusCode()).isEqualTo(200);
    String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'self'")
        .doesNotContain("unsafe-inline", "unsafe-eval");
    assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
  }

  @Test
  void apiAndErrors_default_carrySameHeaders() {
    gw.start();
    for (HttpResponse<String> r : List.of(gw.get("/api/devices", null), gw.get("/health", null), gw.get("/nope", null))) {
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(r.uri().toString()).hasValue("nosniff");
      assertThat(r.headers().firstValue("Content-Security-Policy")).as(r.uri().toString()).isPresent();
    }
  }

  @Test
  void frameAncestors_configured_inCspWithoutLegacyHeader() {
    gw.start(c -> c.withSecurity(new HttpSecurity("'self' https://ha.example.com", List.of(), false, null)));
    HttpResponse<String> r = gw.get("/", null);
    assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
        .endsWith("frame-ancestors 'self' https://ha.example.com");
    assertThat(r.headers().firstValue("X-Frame-Options")).isEmpty();
  }

  @Test
  void cors_default_noAllowOriginHeader() {
    gw.start();
    HttpResponse<String> r = fromOrigin("https://evil.example.com");
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void cors_allowlisted_onlyThatOriginAllowed() {
    gw.start(c -> c.withSecurity(new HttpSecurity("'self'", List.of("https://ops.example.com"), false, null)));
    assertThat(fromOrigin("https://ops.example.com").headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("https://ops.example.com");
    assertThat(fromOrigin("https://evil.example.com").headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void config_badFrameAncestorsOrOrigin_namesKey() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HttpSecurity("'self'; script-src *", List.of(), false, null))
        .hasMessageContaining("http.frame_ancestors");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HttpSecurity("'self'", List.of("https://x.com/path"), false, null))
        .hasMessageContaining("http.cors_origins");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HttpSecurity("'self'", List.of(), false, "short"))
        .hasMessageContaining("http.metrics_scrape_token");
  }

  HttpResponse<String> fromOrigin(String origin) {
    return gw.send(HttpRequest.newBuilder(URI.create(gw.base() + "/health")).timeout(Duration.ofSeconds(5))
        .header("Origin", origin).GET().build());
  }
}
