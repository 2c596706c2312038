package io.gridwire.e2e;

import static org.awaitility.Awaitility.await;

import io.gridwire.testkit.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A private Debian nginx as a reverse proxy in front of a gateway, in the foreground (no daemon, no
 * master process), with its own config, logs and temp folders in a fresh directory and its own
 * free port on 127.0.0.1. It mounts the gateway under {@link #PREFIX} (a fixed prefix, announced
 * with {@code X-Forwarded-Prefix}) and under {@link #INGRESS} the way Home Assistant's ingress
 * does ({@code X-Ingress-Path}, also without the trailing slash). Everything else answers
 * {@value #OUTSIDE}, so a URL that escapes the prefix shows in {@link #outsideRequests()}.
 */
final class Nginx implements AutoCloseable {
  static final Path BINARY = Path.of(System.getProperty("gridwire.e2e.nginx", "/usr/sbin/nginx"));
  static final String PREFIX = "/gridwire";
  static final String INGRESS = "/api/hassio_ingress/e2eToken_0123456789abcdef";
  static final int OUTSIDE = 418;
  private final Path dir;
  private final int port;
  private final Process process;

  Nginx(int upstreamPort) throws IOException {
    requireBinary();
    dir = Files.createTempDirectory("gridwire-e2e-nginx-");
    port = FreePorts.next();
    Files.createDirectories(dir.resolve("tmp"));
    Files.writeString(dir.resolve("nginx.conf"), config(upstreamPort));
    Path log = Path.of(System.getProperty("gridwire.e2e.logs", "target/gateway-logs")).resolve("nginx.log");
    Files.createDirectories(log.getParent());
    process = new ProcessBuilder(BINARY.toString(), "-p", dir.toString(), "-e", dir.resolve("error.log").toString(),
        "-c", dir.resolve("nginx.conf").toString()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    await("nginx listening on " + port).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
        .ignoreExceptions().until(() -> {
          if (!process.isAlive()) throw new IllegalStateException("nginx exited with " + process.exitValue() + ": " + errors());
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
          }
        });
  }

  /**
   * Repeated in every location: nginx inherits proxy_set_header from the enclosing level only when
   * a location sets none of its own, and without Upgrade/Connection the WebSocket handshake
   * reaches the gateway as a plain GET (405).
   */
  private static final String PROXY_HEADERS =
      "proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection $connection_upgrade; "
      + "proxy_set_header Host $host; proxy_set_header X-Forwarded-For $remote_addr;";

  private String config(int upstream) {
    String t = dir.resolve("tmp").toString();
    return """
        daemon off;
        master_process off;
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log info;
        events { worker_connections 256; }
        http {
          access_log %1$s/access.log;
          client_body_temp_path %2$s/body;
          proxy_temp_path %2$s/proxy;
          fastcgi_temp_path %2$s/fastcgi;
          uwsgi_temp_path %2$s/uwsgi;
          scgi_temp_path %2$s/scgi;
          map $http_upgrade $connection_upgrade { default upgrade; '' close; }
          proxy_http_version 1.1;
          proxy_read_timeout 120s;
          server {
            listen 127.0.0.1:%3$d;
            location %4$s/ {
              proxy_pass http://127.0.0.1:%5$d/;
              proxy_set_header X-Forwarded-Prefix %4$s;
              %8$s
            }
            location %6$s/ {
              proxy_pass http://127.0.0.1:%5$d/;
              proxy_set_header X-Ingress-Path %6$s;
              %8$s
            }
            location = %6$s {
              proxy_pass http://127.0.0.1:%5$d/;
              proxy_set_header X-Ingress-Path %6$s;
              %8$s
            }
            location / { return %7$d; }
          }
        }
        """.formatted(dir, t, port, PREFIX, upstream, INGRESS, OUTSIDE, PROXY_HEADERS);
  }

  /** {@code http://127.0.0.1:PORT} followed by {@code path}. */
  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Access-log lines of requests that missed both prefixes. */
  List<String> outsideRequests() throws IOException {
    Path access = dir.resolve("access.log");
    if (!Files.exists(access)) return List.of();
    return Files.readAllLines(access).stream().filter(l -> l.contains("\" " + OUTSIDE + " ")).toList();
  }

  /** Access-log lines containing {@code text}. */
  List<String> requests(String text) throws IOException {
    Path access = dir.resolve("access.log");
    return Files.exists(access) ? Files.readAllLines(access).stream().filter(l -> l.contains(text)).toList() : List.of();
  }

  private String errors() {
    try {
      return Files.readString(dir.resolve("error.log"));
    } catch (IOException e) {
      return "(no error log)";
    }
  }

  private static void requireBinary() {
    if (Files.isExecutable(BINARY)) return;
    String reason = "nginx is needed at " + BINARY + " (apt-get install -y nginx)";
    if (Requirements.ci()) Assertions.fail("CI=true and " + reason);
    System.out.println("SKIPPED reverse-proxy tests: " + reason);
    Assumptions.abort(reason);
  }

  @Override
  public void close() throws InterruptedException, IOException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    Path access = dir.resolve("access.log");
    if (Files.exists(access)) {
      Files.copy(access, Path.of(System.getProperty("gridwire.e2e.logs", "target/gateway-logs")).resolve("nginx-access.log"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
