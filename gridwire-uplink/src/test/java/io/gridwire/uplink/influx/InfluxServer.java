package io.gridwire.uplink.influx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.testkit.FreePorts;
import io.gridwire.testkit.RealServices;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A test-owned Debian {@code influxd} (1.x): own config, own data dirs under a temp folder, HTTP
 * and RPC on free 127.0.0.1 ports. Skips when the binary is absent, fails under {@code CI=true}.
 */
public final class InfluxServer implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/bin/influxd");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final int httpPort = FreePorts.next();
  private final HttpClient http = HttpClient.newHttpClient();
  private Process process;

  private InfluxServer(Path dir) {
    this.dir = dir;
  }

  public static InfluxServer start(Path dir) throws Exception {
    if (!Files.isExecutable(BINARY)) {
      String reason = "influxd not installed (apt-get install -y influxdb)";
      if (RealServices.ci()) throw new AssertionError(reason + " — CI requires it");
      System.out.println("SKIPPED: " + reason);
      Assumptions.abort(reason);
    }
    InfluxServer s = new InfluxServer(dir);
    s.writeConfig();
    s.launch();
    return s;
  }

  private void writeConfig() throws IOException {
    String conf = """
        reporting-disabled = true
        bind-address = "127.0.0.1:%d"
        [meta]
          dir = "%s/meta"
        [data]
          dir = "%s/data"
          wal-dir = "%s/wal"
          query-log-enabled = false
        [monitor]
          store-enabled = false
        [continuous_queries]
          enabled = false
        [http]
          bind-address = "127.0.0.1:%d"
          log-enabled = false
        [logging]
          level = "warn"
        """.formatted(FreePorts.next(), dir, dir, dir, httpPort);
    Files.writeString(dir.resolve("influxdb.conf"), conf);
  }

  public void launch() throws Exception {
    process = new ProcessBuilder(BINARY.toString(), "run", "-config", dir.resolve("influxdb.conf").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("influxd.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IllegalStateException("influxd exited: " + Files.readString(dir.resolve("influxd.log")));
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url().resolve("/ping")).timeout(Duration.ofSeconds(1))
            .build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 204) return;
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("influxd not answering /ping on " + url());
  }

  /** Kills the server (SIGKILL), as a crash or a pulled plug would. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + httpPort);
  }

  /** Runs InfluxQL via {@code POST /query} and returns the JSON answer. */
  public JsonNode query(String db, String q) throws Exception {
    String form = "q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + (db == null ? "" : "&db=" + db);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(url().resolve("/query"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new IllegalStateException("query failed: " + r.statusCode() + " " + r.body());
    return JSON.readTree(r.body());
  }

  /** {@code SELECT count(field) FROM m}, 0 when none. */
  public long count(String db, String measurement, String field) throws Exception {
    JsonNode v = query(db, "SELECT count(\"" + field + "\") FROM \"" + measurement + "\"")
        .path("results").path(0).path("series").path(0).path("values").path(0).path(1);
    return v.isMissingNode() ? 0 : v.asLong();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }
}
