package io.gridwire.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.web.TestGateway;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexPageTest {
  static final String PAGE = "<!doctype html><html><head><script type=\"module\" src=\"js/main.js\"></script></head></html>";

  @Test
  void index_ingressHeader_baseHrefToPrefix(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("index.html"), PAGE);
    try (TestGateway gw = new TestGateway().start(c -> c.withStaticDir(dir))) {
      HttpResponse<String> r = get(gw, "/", PathPrefix.INGRESS_HEADER, "/api/hassio_ingress/tok_123");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("<head>\n  <base href=\"/api/hassio_ingress/tok_123/\"><script");
      assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
      assertThat(r.headers().firstValue("Vary").orElseThrow()).contains(PathPrefix.INGRESS_HEADER);
      assertThat(get(gw, "/index.html", PathPrefix.FORWARDED_HEADER, "/gridwire/").body()).contains("<base href=\"/gridwire/\">");
    }
  }

  @Test
  void index_noHeader_servedUnchanged(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("index.html"), PAGE);
    try (TestGateway gw = new TestGateway().start(c -> c.withStaticDir(dir))) {
      assertThat(gw.get("/", null).body()).isEqualTo(PAGE);
    }
  }

  @Test
  void index_hostileHeader_ignoredAndCounted(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("index.html"), PAGE);
    try (TestGateway gw = new TestGateway().start(c -> c.withStaticDir(dir))) {
      HttpResponse<String> r = get(gw, "/", PathPrefix.INGRESS_HEADER, "//evil.example.com/x");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo(PAGE);
      assertThat(gw.scrape()).containsPattern("gridwire_http_prefix_rejected_total(\\{[^}]*\\})? 1\\.0");
    }
  }

  @Test
  void index_classpathDashboard_servedWithBase() {
    try (TestGateway gw = new TestGateway().start()) {
      HttpResponse<String> r = get(gw, "/", PathPrefix.INGRESS_HEADER, "/api/hassio_ingress/abc");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("<base href=\"/api/hassio_ingress/abc/\">").contains("js/main.js");
    }
  }

  static HttpResponse<String> get(TestGateway gw, String path, String header, String value) {
    return gw.send(HttpRequest.newBuilder(URI.create(gw.base() + path)).timeout(Duration.ofSeconds(5))
        .header(header, value).GET().build());
  }
}
