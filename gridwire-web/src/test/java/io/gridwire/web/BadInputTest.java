package io.gridwire.web;

import static io.gridwire.web.TestGateway.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputTest {
  @Test
  void chunkedBody_overLimit_413() {
    try (TestGateway gw = new TestGateway().start()) {
      byte[] big = new byte[2 * 1024 * 1024];
      HttpRequest req = HttpRequest.newBuilder(URI.create(gw.base() + "/api/auth/login")).timeout(Duration.ofSeconds(10))
          .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
      HttpResponse<String> r = gw.send(req);
      assertThat(r.statusCode()).isEqualTo(413);
      assertThat(gw.get("/health", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void metricsEndpoint_openedByConfig_servedWithoutToken() {
    try (TestGateway gw = new TestGateway().start(c -> c.withSecurity(c.security().withMetricsOpen(true)))) {
      assertThat(gw.get("/metrics", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void staticDir_servedAtRoot_withoutToken(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("index.html"), "<h1>dashboard</h1>");
    try (TestGateway gw = new TestGateway().start(c -> c.withStaticDir(dir))) {
      HttpResponse<String> r = gw.get("/", null);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("dashboard");
      error(gw.get("/api/devices", null), 401, "unauthorized");
    }
  }

  @Test
  void config_badValues_nameKeyPath() {
    var d = WebConfig.defaults();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.withPort(70000)).hasMessage("web.port out of range: 70000");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.withBcryptCost(3)).hasMessageContaining("web.bcryptCost");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.withWsClientBuffer(0, 1)).hasMessageContaining("web.wsClientQueue");
  }
}
