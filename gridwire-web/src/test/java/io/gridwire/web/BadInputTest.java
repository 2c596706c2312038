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

  /**
   * A client that writes its whole body before it reads (most do) gets the 413, not a reset: the
   * server reads and discards a rejected body up to a bound before it answers and closes. 8 MiB is
   * more than the loopback socket buffers hold, so without that the write fails every time.
   */
  @Test
  void oversizedBody_clientWritesAllFirst_gets413NotReset() throws Exception {
    try (TestGateway gw = new TestGateway().start()) {
      byte[] body = new byte[8 * 1024 * 1024];
      java.util.Arrays.fill(body, (byte) 'x');
      for (String framing : new String[] {"Content-Length: " + body.length, "Transfer-Encoding: chunked"}) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", gw.port())) {
          s.setSoTimeout(10_000);
          var out = s.getOutputStream();
          out.write(("POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + framing
              + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
          if (framing.startsWith("Transfer")) {
            for (int off = 0; off < body.length; off += 65536) {
              out.write((Integer.toHexString(65536) + "\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
              out.write(body, off, 65536);
              out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            out.write("0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
          } else {
            out.write(body);
          }
          out.flush();
          String answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
          assertThat(answer).as(framing).startsWith("HTTP/1.1 413").contains("payload_too_large");
        }
      }
      assertThat(gw.get("/health", null).statusCode()).isEqualTo(200);
    }
  }

  /** Errors Jetty answers before the routes come back as the API's JSON, not an HTML page. */
  @Test
  void badUtf8PathOrRequestLine_400JsonNotHtml() throws Exception {
    try (TestGateway gw = new TestGateway().start()) {
      for (String requestLine : new String[] {"GET /api/devices/%ff%fe HTTP/1.1", "GET /api/de%00vices HTTP/1.1"}) {
        String answer = raw(gw.port(), requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(answer).as(requestLine).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/json")
            .contains("{\"error\":\"bad_request\"").doesNotContain("<html");
      }
    }
  }

  private static String raw(int port, String request) throws java.io.IOException {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      return new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
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
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.withPort(70000)).hasMessage("http.port out of range 0..65535: 70000");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> WebRuntime.DEFAULT.withBcryptCost(3)).hasMessageContaining("auth.bcrypt_cost");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> WebRuntime.DEFAULT.withWsClientBuffer(0, 1)).hasMessageContaining("WebSocket client queue");
  }
}
