package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.gridwire.app.config.ConfigLoader;
import io.gridwire.app.config.GridwireConfig;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.testkit.FreePorts;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alarm events queued for a webhook while its receiver is down survive a gateway restart. */
class GatewayNotifyIT {
  @TempDir Path dir;

  private static Event alarm(int i) {
    return new Event(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i), "gen-1", EventType.ALARM_RAISED,
        "raised", Map.of("alarm_id", "a" + i, "name", "Alarm " + i, "severity", "critical", "site", "north"));
  }

  @Test
  void webhook_receiverDownAcrossRestart_receivesEverythingAfterwards() throws Exception {
    int port = FreePorts.next();
    Map<String, String> env = Map.of(
        "GRIDWIRE_NODE_DATA_DIR", dir.toString(),
        "GRIDWIRE_HTTP_HOST", "127.0.0.1",
        "GRIDWIRE_HTTP_PORT", "0");
    String yaml = "notifications:\n  webhooks:\n    - name: ops\n      url: http://127.0.0.1:" + port + "/hook\n"
        + "      timeout: 2s\n";
    GridwireConfig cfg = new ConfigLoader().load(null, yaml, env);
    try (Gateway g = Gateway.start(cfg, Clock.systemUTC())) {
      for (int i = 0; i < 5; i++) g.events().publish(alarm(i));
      g.events().awaitDrained(Duration.ofSeconds(5));
    }
    List<String> got = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 10);
    receiver.createContext("/hook", ex -> {
      got.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    receiver.start();
    try (Gateway g = Gateway.start(cfg, Clock.systemUTC())) {
      g.events().publish(alarm(5));
      await().atMost(Duration.ofSeconds(20)).until(() -> got.size() >= 6);
    } finally {
      receiver.stop(0);
    }
    for (int i = 0; i < 6; i++) assertThat(got.get(i)).contains("\"alarm_id\":\"a" + i + "\"");
  }
}
