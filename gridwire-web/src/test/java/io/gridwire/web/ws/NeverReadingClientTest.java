package io.gridwire.web.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.core.bus.SubscriberStats;
import io.gridwire.core.reading.Reading;
import io.gridwire.web.TestGateway;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Bad input: a WebSocket client that completes the handshake and then never reads. Its own buffer
 * coalesces and drops (counted); the bus, the hub and a healthy client carry on.
 */
class NeverReadingClientTest {
  static final int DEVICES = 200;
  static final int READINGS = 4000;

  @Test
  void neverReadingClient_dropsCounted_busAndOtherClientsUnaffected() throws Exception {
    try (TestGateway gw = new TestGateway().start(c -> c, TestGateway.RUNTIME.withWsClientBuffer(64, 100));
        Socket stuck = new Socket()) {
      String token = gw.login(TestGateway.VIEWER);
      stuck.setReceiveBufferSize(4096);
      stuck.connect(new InetSocketAddress("127.0.0.1", gw.server.port()), 5000);
      stuck.setSoTimeout(5000);
      OutputStream out = stuck.getOutputStream();
      out.write(("GET /ws/metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Authorization: Bearer " + token + "\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      assertThat(RawHttp.readHead(stuck.getInputStream()).status()).isEqualTo(101);
      // From here on the stuck client never reads another byte.

      WsProbe healthy = WsProbe.connect(gw.http, gw.wsBase() + "/ws/metrics?token=" + token);
      assertThat(healthy.next()).startsWith("{\"type\":\"snapshot\"");
      await().atMost(Duration.ofSeconds(5)).until(() -> gw.server.hub().connections() == 2);

      String blob = "x".repeat(8 * 1024);
      Instant t = Instant.parse("2025-06-01T12:00:00Z");
      long started = System.nanoTime();
      for (int i = 0; i < READINGS; i++) {
        gw.readings.publish(Reading.builder("dev-" + (i % DEVICES), t, t).put("seq", i).put("blob", blob).build());
      }
      long publishMs = (System.nanoTime() - started) / 1_000_000;
      assertThat(publishMs).as("publish of %d readings never blocks", READINGS).isLessThan(5000);
      assertThat(gw.readings.awaitDrained(Duration.ofSeconds(30))).as("hub drains the bus").isTrue();

      // The healthy client catches up and empties its buffer; the stuck one never can.
      await().atMost(Duration.ofSeconds(30))
          .until(() -> gw.server.hub().clients().stream().anyMatch(c -> c.buffered() == 0));
      WsClient stalled = gw.server.hub().clients().stream().filter(c -> c.buffered() > 0).findFirst().orElseThrow();
      assertThat(stalled.dropped()).isPositive();
      assertThat(stalled.coalesced()).isPositive();
      assertThat(stalled.buffered()).isLessThanOrEqualTo(64 + 100);

      gw.readings.publish(Reading.builder("marker", t, t).put("done", true).build());
      await().atMost(Duration.ofSeconds(20)).until(() -> healthy.messages.stream().anyMatch(m -> m.contains("\"marker\"")));
      assertThat(healthy.received.get()).as("healthy client got the stream").isGreaterThan(DEVICES);

      SubscriberStats hub = gw.readings.stats().stream().filter(s -> s.name().endsWith("/ws-hub")).findFirst().orElseThrow();
      assertThat(hub.dropped()).as("the hub itself never drops").isZero();
      assertThat(gw.scrape()).containsPattern("gridwire_ws_dropped_total [1-9]");
      assertThat(gw.get("/health", null).statusCode()).isEqualTo(200);
      healthy.close();
    }
  }
}
