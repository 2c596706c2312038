package io.gridwire.oig.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.oig.codec.Decoded;
import io.gridwire.oig.codec.FrameKind;
import io.gridwire.oig.codec.OigFrameParser;
import io.gridwire.oig.sim.OigBoxSimulator;
import io.gridwire.testkit.FreePorts;
import io.gridwire.testkit.store.InMemoryCaptureStore;
import io.gridwire.testkit.store.InMemoryQueue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Field hygiene of the proxy: connection limits, the self-loop guard, replayed data not doubled. */
@Timeout(30)
class OigHygieneIT {
  private static final Duration T = Duration.ofSeconds(2);

  private static FrameKind kind(byte[] raw) {
    assertThat(raw).as("an answer").isNotNull();
    return ((Decoded.Ok) OigFrameParser.parse(raw)).frame().kind();
  }

  @Test
  void limiter_overConcurrentCap_refusedAndClosedWithLogLineAndCounter_openSessionsUnaffected() throws Exception {
    try (ProxyHarness h = new ProxyHarness(Clock.systemUTC(), c -> c.withLimits(2, 1_000), true);
        LogCapture log = new LogCapture(OigProxy.class);
        RawBox second = new RawBox("127.0.0.1", h.proxy.port(), T)) {
      assertThat(kind(h.box.exchange(h.box.frames().actual(Instant.now())))).isEqualTo(FrameKind.ACK_GET_ACTUAL);
      assertThat(kind(second.exchange(h.box.frames().isNewSet()))).isEqualTo(FrameKind.END);

      try (RawBox third = new RawBox("127.0.0.1", h.proxy.port(), T)) {
        assertThat(third.closedByPeer()).as("over the cap: accepted, then closed at once").isTrue();
      }
      assertThat(h.proxy.refusedConnections()).isEqualTo(1);
      await().atMost(T).until(() -> log.warnings().stream().anyMatch(m -> m.contains("refused: connection limit 2 reached")));

      // the two admitted connections are untouched
      assertThat(kind(h.box.exchange(h.box.frames().actual(Instant.now())))).isEqualTo(FrameKind.ACK_GET_ACTUAL);
      assertThat(kind(second.exchange(h.box.frames().actual(Instant.now())))).isEqualTo(FrameKind.ACK_GET_ACTUAL);
      assertThat(h.box.stats().reconnects()).isZero();
      assertThat(h.proxy.sessions()).hasSize(2);

      // a freed slot admits the next box
      second.close();
      await().atMost(T).until(() -> h.proxy.sessions().size() == 1);
      try (RawBox fourth = new RawBox("127.0.0.1", h.proxy.port(), T)) {
        assertThat(kind(fourth.exchange(h.box.frames().isNewSet()))).isEqualTo(FrameKind.END);
      }
      assertThat(h.proxy.refusedConnections()).isEqualTo(1);
    }
  }

  @Test
  void limiter_overRatePerAddress_thatAddressRefused_otherAddressAndOpenSessionUnaffected() throws Exception {
    try (ProxyHarness h = new ProxyHarness(Clock.systemUTC(), c -> c.withLimits(100, 3), true);
        LogCapture log = new LogCapture(OigProxy.class)) {
      assertThat(kind(h.box.exchange(h.box.frames().actual(Instant.now())))).isEqualTo(FrameKind.ACK_GET_ACTUAL); // 1st connect
      for (int i = 0; i < 2; i++) { // 2nd and 3rd: short connections
        try (RawBox b = new RawBox("127.0.0.1", h.proxy.port(), T)) {
          assertThat(kind(b.exchange(h.box.frames().isNewSet()))).isEqualTo(FrameKind.END);
        }
      }
      try (RawBox fourth = new RawBox("127.0.0.1", h.proxy.port(), T)) {
        assertThat(fourth.closedByPeer()).as("4th connect from 127.0.0.1 within a minute").isTrue();
      }
      assertThat(h.proxy.refusedConnections()).isEqualTo(1);
      await().atMost(T).until(() -> log.warnings().stream()
          .anyMatch(m -> m.contains("refused: more than 3 connections per minute from 127.0.0.1")));

      try (RawBox other = new RawBox("127.0.0.2", h.proxy.port(), T)) {
        assertThat(kind(other.exchange(h.box.frames().actual(Instant.now())))).as("another address").isEqualTo(FrameKind.ACK_GET_ACTUAL);
      }
      assertThat(kind(h.box.exchange(h.box.frames().actual(Instant.now())))).as("the open session").isEqualTo(FrameKind.ACK_GET_ACTUAL);
      assertThat(h.box.stats().reconnects()).isZero();
      assertThat(h.proxy.refusedConnections()).isEqualTo(1);
    }
  }

  @Test
  void selfLoop_cloudHostIsThisGateway_warnedAtStartAndBoxAnsweredLocallyWithoutConnectingToItself() throws Exception {
    int port = FreePorts.next();
    OigConfig config = OigConfig.defaults().withListen("127.0.0.1", port).withCloud("localhost", port)
        .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(400), Duration.ofMillis(100));
    Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
    Bus<Event> events = new Bus<>("events", e -> e.type().name());
    Clock clock = Clock.systemUTC();
    try (LogCapture log = new LogCapture(CloudConnector.class);
        OigProxy proxy = new OigProxy(config, OigRuntime.DEFAULT, readings, events, new DeviceRegistry(events, clock), new MetricCatalog(), clock,
            new InMemoryCaptureStore(), InMemoryQueue.ofCount(100)).start();
        OigBoxSimulator box = new OigBoxSimulator("127.0.0.1", port, ProxyHarness.DEVICE, ProxyHarness.ZONE, clock, T)) {
      assertThat(log.warnings()).anySatisfy(m -> assertThat(m)
          .contains("oig.cloud_host localhost resolves to this gateway", ":" + port, "Configure the cloud's real IP address"));

      box.connect();
      assertThat(kind(box.exchange(box.frames().actual(Instant.now())))).isEqualTo(FrameKind.ACK_GET_ACTUAL);
      assertThat(kind(box.exchange(box.frames().isNewSet()))).isEqualTo(FrameKind.END);
      // probes run every 100 ms; each is refused before a socket is opened, so no second session appears
      await().during(Duration.ofMillis(600)).atMost(T).until(() -> proxy.sessions().size() == 1);
      assertThat(proxy.sessions()).singleElement().satisfies(s -> {
        assertThat(s.mode()).isEqualTo(SessionMode.OFFLINE);
        assertThat(s.forwarded()).isZero();
        assertThat(s.answeredLocally()).isEqualTo(2);
      });
      proxy.captureWriter().flush(2000);
      assertThat(proxy.captureStore().modeTransitions(10)).singleElement()
          .satisfies(t -> assertThat(t.reason()).contains("self-connect loop"));
      assertThat(proxy.captureStore().connections(10)).hasSize(1);
    } finally {
      readings.close();
      events.close();
    }
  }

  @Test
  void replay_boxResendsQueuedFramesWithOldDtOnANewConnection_readingsNotDoubled() throws Exception {
    Instant t0 = Instant.parse("2026-02-17T07:00:00Z"); // historical DT: a box replaying after an outage
    try (ProxyHarness h = new ProxyHarness()) {
      byte[][] sent = new byte[3][];
      for (int i = 0; i < 3; i++) {
        sent[i] = h.box.frames().batchTable("tbl_ac_in", t0.plus(Duration.ofMinutes(5L * i)));
        assertThat(kind(h.box.exchange(sent[i]))).isEqualTo(FrameKind.ACK_GET_ACTUAL);
      }
      await().atMost(T).until(() -> h.proxy.publishedReadings() == 3);
      h.box.close();

      try (OigBoxSimulator again = new OigBoxSimulator("127.0.0.1", h.proxy.port(), ProxyHarness.DEVICE, ProxyHarness.ZONE,
          h.clock, T)) {
        again.connect();
        for (byte[] old : sent) assertThat(kind(again.exchange(old))).as("a replay is still answered").isEqualTo(FrameKind.ACK_GET_ACTUAL);
        Instant queued = t0.plus(Duration.ofMinutes(15)); // queued during the outage, never sent before
        assertThat(kind(again.exchange(again.frames().batchTable("tbl_ac_in", queued)))).isEqualTo(FrameKind.ACK_GET_ACTUAL);
        // the same table and DT with other content (a re-sent queue entry) is the same reading
        assertThat(kind(again.exchange(again.frames().batchTable("tbl_ac_in", t0)))).isEqualTo(FrameKind.ACK_GET_ACTUAL);
        await().atMost(T).until(() -> h.proxy.publishedReadings() + h.proxy.duplicateReadings() == 8);
      }
      assertThat(h.proxy.publishedReadings()).isEqualTo(4);
      assertThat(h.proxy.duplicateReadings()).isEqualTo(4);
      await().atMost(T).until(() -> h.gotReadings.size() == 4);
      List<Instant> stamps = h.gotReadings.stream().map(Reading::timestamp).toList();
      assertThat(stamps).as("each DT once, at its historical time").containsExactly(t0, t0.plus(Duration.ofMinutes(5)),
          t0.plus(Duration.ofMinutes(10)), t0.plus(Duration.ofMinutes(15)));
      // forwarding stays transparent: the cloud received every replayed frame
      String first = new String(sent[0], StandardCharsets.UTF_8).strip();
      assertThat(h.cloud.received()).filteredOn(first::equals).hasSize(2);
    }
  }
}
