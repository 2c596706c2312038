package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.app.config.ConfigLoader;
import io.gridwire.app.config.GridwireConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An overloaded gateway stays in charge: pollers that keep every virtual-thread carrier busy (as
 * Modbus decoding does at thousands of devices on one core) and a reading stream far beyond what
 * the history writer can store. /health and /metrics still answer within a second, and close()
 * (what SIGTERM runs) returns within 10 s.
 */
class GatewayOverloadIT {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private volatile boolean hogging = true;
  @TempDir Path dir;
  /** /metrics is not open by default: the scrape credential a Prometheus server would use. */
  private static final String SCRAPE_TOKEN = "overload-scrape-token-0123456789";

  @Test
  void overloadedGateway_answersWithinOneSecond_andStopsWithinTenSeconds() throws Exception {
    GridwireConfig cfg = new ConfigLoader().load(null, Map.of(
        "GRIDWIRE_NODE_DATA_DIR", dir.toString(),
        "GRIDWIRE_HTTP_HOST", "127.0.0.1",
        "GRIDWIRE_HTTP_PORT", "0",
        "GRIDWIRE_HTTP_METRICS_SCRAPE_TOKEN", SCRAPE_TOKEN,
        "GRIDWIRE_AUTH_BCRYPT_COST", "4",
        "GRIDWIRE_DEMO_SYNTHETIC", "true",
        "GRIDWIRE_DEMO_SYNTHETIC_DEVICES", "3000",
        "GRIDWIRE_DEMO_SYNTHETIC_INTERVAL", "100ms"));
    Gateway g = Gateway.start(cfg, Clock.systemUTC());
    List<Thread> hogs = new ArrayList<>();
    try {
      String base = "http://127.0.0.1:" + g.httpPort();
      for (String path : List.of("/health", "/metrics")) { // served before the overload, as a live node has
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + SCRAPE_TOKEN).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        System.out.println("WARM " + path + " " + (System.nanoTime() - t0) / 1_000_000 + " ms, " + r.body().length() + " chars");
      }
      for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
        hogs.add(Thread.ofVirtual().name("busy-poller-" + i).start(this::spin));
      }
      Thread.sleep(2_000); // carriers taken, the history writer falls behind
      for (String path : List.of("/health", "/metrics", "/health", "/metrics", "/health")) {
        long t0 = System.nanoTime();
        HttpResponse<String> r;
        try {
          r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(1))
            .header("Authorization", "Bearer " + SCRAPE_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
          throw new AssertionError(path + " not answered within 1 s", e);
        }
        System.out.println("OVERLOAD " + path + " " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as(path).isLessThan(Duration.ofSeconds(1));
      }
      long t0 = System.nanoTime();
      g.close();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    } finally {
      hogging = false;
      for (Thread t : hogs) t.join();
      g.close();
    }
  }

  private void spin() {
    long x = 0;
    while (hogging) x += System.nanoTime() & 1;
    if (x == 42) System.out.print("");
  }
}
