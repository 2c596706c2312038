package io.gridwire.oig.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.oig.codec.Decoded;
import io.gridwire.oig.codec.FrameKind;
import io.gridwire.oig.codec.OigFrameParser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The proxy's {@code gridwire.oig.*} meters follow one box through forward, offline and back. */
@Timeout(60)
class OigMetricsIT {
  private static final Duration T = Duration.ofSeconds(5);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void box_forwardThenOfflineThenForward_metersCountFramesModesFailuresAndBackfill() throws Exception {
    try (ProxyHarness h = new ProxyHarness(Clock.systemUTC(), c -> c.withLimits(1, 120), true, meters)) {
      // forward: two frames, both answered by the cloud
      assertThat(kind(h.box.exchange(h.box.frames().actual(Instant.now())))).isEqualTo(FrameKind.ACK_GET_ACTUAL);
      assertThat(kind(h.box.exchange(h.box.frames().isNewSet()))).isEqualTo(FrameKind.END);
      await().atMost(T).untilAsserted(() -> {
        assertThat(frames("box")).isEqualTo(2);
        assertThat(frames("cloud")).isEqualTo(2);
        assertThat(frames("local")).isZero();
      });
      assertThat(sessions("forward")).isEqualTo(1);
      assertThat(sessions("offline")).isZero();
      assertThat(count("gridwire.oig.connections.accepted")).isEqualTo(1);
      assertThat(count("gridwire.oig.cloud.failures", "reason", "connect")).isZero();

      // a second box over oig.maxConnections=1 is refused by the cap
      try (RawBox second = new RawBox("127.0.0.1", h.proxy.port(), T)) {
        assertThat(second.closedByPeer()).isTrue();
      }
      assertThat(count("gridwire.oig.connections.refused", "reason", "limit")).isEqualTo(1);
      assertThat(count("gridwire.oig.connections.refused", "reason", "rate")).isZero();
      assertThat(count("gridwire.oig.connections.accepted")).isEqualTo(1);

      // the cloud drops and refuses: the next table is answered locally and kept for backfill
      h.cloud.refuse();
      h.cloud.dropConnections();
      assertThat(kind(h.box.exchange(h.box.frames().batchTable("tbl_ac_in", Instant.now())))).isEqualTo(FrameKind.ACK_GET_ACTUAL);
      assertThat(h.mode()).isEqualTo(SessionMode.OFFLINE);
      assertThat(sessions("offline")).isEqualTo(1);
      assertThat(sessions("forward")).isZero();
      assertThat(transitions("offline")).isEqualTo(1);
      assertThat(transitions("forward")).isZero();
      assertThat(count("gridwire.oig.cloud.failures", "reason", "lost") + count("gridwire.oig.cloud.failures", "reason", "timeout"))
          .as("the one forward exchange that failed").isEqualTo(1);
      await().atMost(T).until(() -> gauge("gridwire.oig.backfill.queued") == 1); // kept after the box has its answer
      // the session probes every 300 ms while the cloud refuses
      await().atMost(T).until(() -> count("gridwire.oig.cloud.failures", "reason", "probe") >= 1);

      // rejected box input: answered NACK WC by the gateway, counted by kind
      String bad = text(h.box.frames().actual(Instant.now())).replaceFirst("<CRC>\\d{5}</CRC>", "<CRC>00001</CRC>");
      h.box.sendRaw((bad + "\r\n").getBytes(StandardCharsets.US_ASCII));
      assertThat(h.box.awaitAnswer()).isEqualTo(LocalAnswers.NACK_WC);
      h.box.sendRaw(concat("\u0001\u0002junk".getBytes(StandardCharsets.US_ASCII), h.box.frames().isNewSet()));
      assertThat(kind(h.box.awaitAnswer())).isEqualTo(FrameKind.END);
      assertThat(count("gridwire.oig.parse.errors", "kind", "bad_crc")).isEqualTo(1);
      assertThat(count("gridwire.oig.parse.errors", "kind", "garbage")).isEqualTo(1);
      assertThat(count("gridwire.oig.parse.errors", "kind", "malformed")).isZero();
      assertThat(count("gridwire.oig.parse.errors", "kind", "oversize")).isZero();
      assertThat(frames("box")).isEqualTo(5);
      assertThat(frames("local")).isEqualTo(3);
      assertThat(frames("cloud")).isEqualTo(2);

      // the cloud is back: the same session returns to forward and delivers its backfill
      h.cloud.normal();
      await().atMost(T).until(() -> {
        h.box.exchange(h.box.frames().isNewSet());
        return h.mode() == SessionMode.FORWARD;
      });
      await().atMost(T).untilAsserted(() -> {
        assertThat(gauge("gridwire.oig.backfill.queued")).isZero();
        assertThat(count("gridwire.oig.backfill.delivered")).isEqualTo(1);
        assertThat(frames("box")).as("every box frame answered once").isEqualTo(frames("cloud") + frames("local"));
      });
      assertThat(count("gridwire.oig.backfill.dropped")).isZero();
      assertThat(transitions("forward")).isEqualTo(1);
      assertThat(transitions("offline")).isEqualTo(1);
      assertThat(sessions("forward")).isEqualTo(1);
      assertThat(sessions("offline")).isZero();
      assertThat(count("gridwire.oig.cloud.failures", "reason", "connect")).isZero();
      await().atMost(T).until(() -> count("gridwire.oig.readings", "result", "published") >= 2);
      h.proxy.captureWriter().flush(2000);
      assertThat(count("gridwire.oig.capture.written")).isPositive();
      assertThat(count("gridwire.oig.capture.dropped")).isZero();

      // the box goes away: /api/oig/backfill still counts what its session delivered
      h.box.close();
      await().atMost(T).until(() -> h.proxy.sessions().isEmpty());
      var route = h.proxy.routes().stream().filter(r -> r.path().equals("/api/oig/backfill")).findFirst().orElseThrow();
      var body = (java.util.Map<?, ?>) route.handler().handle(new io.gridwire.core.api.ApiRequest(java.util.Map.of(),
          java.util.Map.of(), new byte[0], "v@example.com", false, "127.0.0.1")).body();
      assertThat(((Number) body.get("delivered")).longValue()).isEqualTo(1);
    }
    assertThat(meters.find("gridwire.oig.frames").meters()).as("removed when the proxy closes").isEmpty();
    assertThat(meters.getMeters()).noneMatch(m -> m.getId().getName().startsWith("gridwire.oig."));
  }

  private double frames(String direction) {
    return count("gridwire.oig.frames", "direction", direction);
  }

  private double transitions(String to) {
    return count("gridwire.oig.mode.transitions", "to", to);
  }

  private double sessions(String mode) {
    return meters.get("gridwire.oig.sessions").tag("mode", mode).gauge().value();
  }

  private double gauge(String name) {
    return meters.get(name).gauge().value();
  }

  private double count(String name, String... tags) {
    return meters.get(name).tags(tags).functionCounter().count();
  }

  private static FrameKind kind(byte[] raw) {
    assertThat(raw).as("an answer").isNotNull();
    return ((Decoded.Ok) OigFrameParser.parse(raw)).frame().kind();
  }

  private static String text(byte[] raw) {
    return new String(raw, StandardCharsets.UTF_8).strip();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
