package io.gridwire.oig.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.oig.codec.Decoded;
import io.gridwire.oig.codec.FrameKind;
import io.gridwire.oig.codec.OigFrameBuilder;
import io.gridwire.oig.codec.OigFrameParser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hostile framing on a real socket: oversize frames, trickled frames, idle connections. */
@Timeout(60)
class OigFramingIT {
  private static final Duration T = Duration.ofSeconds(5);

  @SuppressWarnings("unchecked")
  private static long closed(ProxyHarness h, String reason) {
    return (Long) ((Map<String, Object>) h.proxy.hygiene().get("connections_closed")).get(reason);
  }

  @Test
  void oversize_50MbFrameWithoutEnd_nackThenClosedAndCounted() throws Exception {
    try (ProxyHarness h = new ProxyHarness(Clock.systemUTC(), c -> c, false);
        LogCapture log = new LogCapture(OigProxy.class);
        RawBox attacker = new RawBox("127.0.0.1", h.proxy.port(), T)) {
      CompletableFuture<byte[]> answer = CompletableFuture.supplyAsync(() -> {
        try {
          return attacker.readToClose();
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      byte[] chunk = new byte[64 * 1024];
      Arrays.fill(chunk, (byte) 'x');
      int sentChunks = 0;
      if (attacker.send("<Frame><Result>".getBytes(StandardCharsets.US_ASCII))) {
        while (sentChunks < 800 && attacker.send(chunk)) sentChunks++; // 800 × 64 KiB = 50 MiB
      }
      assertThat(sentChunks).as("closed long before 50 MB were read").isLessThan(800);
      byte[] got = answer.get(T.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
      assertThat(got).as("answered, then closed").isNotNull();
      Decoded nack = OigFrameParser.parse(Arrays.copyOf(got, new String(got, StandardCharsets.US_ASCII).indexOf("</Frame>") + 8));
      assertThat(((Decoded.Ok) nack).frame().kind()).isEqualTo(FrameKind.NACK);
      assertThat(new String(got, StandardCharsets.US_ASCII)).contains("<Reason>WC</Reason>");
      assertThat(closed(h, "oversize")).isEqualTo(1);
      await().atMost(T).until(() -> h.proxy.sessions().isEmpty());
      assertThat(log.warnings()).anySatisfy(m -> assertThat(m).contains("frame bound", "NACK and closed"));
    }
  }

  @Test
  void oversize_frameAfterItInTheSameRead_notHandled() throws Exception {
    try (ProxyHarness h = new ProxyHarness(Clock.systemUTC(), c -> c, OigRuntime.DEFAULT.withMaxFrameBytes(1024), false);
        RawBox attacker = new RawBox("127.0.0.1", h.proxy.port(), T)) {
      byte[] oversize = ("<Frame>" + "x".repeat(1100) + "</Frame>\r\n").getBytes(StandardCharsets.US_ASCII);
      byte[] after = OigFrameBuilder.create().add("TblName", "tbl_actual").add("ID_Device", ProxyHarness.DEVICE)
          .add("ACO_P", "700").add("ver", "12345").toBytes();
      byte[] both = Arrays.copyOf(oversize, oversize.length + after.length);
      System.arraycopy(after, 0, both, oversize.length, after.length);
      assertThat(both.length).as("fits one read of the session").isLessThan(2048);
      assertThat(attacker.send(both)).isTrue();
      assertThat(attacker.readToClose()).as("answered, then closed").isNotNull();
      await().atMost(T).until(() -> h.proxy.sessions().isEmpty());
      assertThat(closed(h, "oversize")).isEqualTo(1);
      assertThat(h.registry.get(ProxyHarness.DEVICE)).as("the frame after the close made no device").isEmpty();
      assertThat(h.cloud.received()).as("nor reached the cloud").isEmpty();
    }
  }

  @Test
  void trickle_frameOneByteAtATime_closedAfterPartialFrameTimeoutAndCounted() throws Exception {
    try (ProxyHarness h = new ProxyHarness(Clock.systemUTC(), c -> c.withStallTimeouts(Duration.ofSeconds(30),
        Duration.ofSeconds(1)), false);
        RawBox trickler = new RawBox("127.0.0.1", h.proxy.port(), T)) {
      byte[] frame = h.box.frames().actual(Instant.now());
      long start = System.nanoTime();
      int i = 0;
      while (i < frame.length && trickler.send(new byte[] {frame[i]})) {
        i++;
        Thread.sleep(100);
        if (System.nanoTime() - start > T.toNanos()) break;
      }
      assertThat(trickler.readToClose()).as("closed by the proxy").isNotNull();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofMillis(3000));
      assertThat(closed(h, "partial_frame")).isEqualTo(1);
    }
  }

  @Test
  void idle_noCompleteFrame_closedAfterIdleTimeout_activeBoxKept() throws Exception {
    try (ProxyHarness h = new ProxyHarness(Clock.systemUTC(), c -> c.withStallTimeouts(Duration.ofMillis(1500),
        Duration.ofSeconds(30)), true);
        RawBox silent = new RawBox("127.0.0.1", h.proxy.port(), T);
        RawBox noise = new RawBox("127.0.0.1", h.proxy.port(), T)) {
      long start = System.nanoTime();
      for (int i = 0; i < 10; i++) { // the box sends a frame every 300 ms; noise sends bytes that are no frame
        assertThat(h.box.exchange(h.box.frames().isNewSet())).isNotNull();
        noise.send("junk".getBytes(StandardCharsets.US_ASCII));
        Thread.sleep(300);
      }
      assertThat(silent.readToClose()).as("idle connection closed").isNotNull();
      assertThat(noise.readToClose()).as("noise does not keep a connection alive").isNotNull();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1400));
      assertThat(h.box.exchange(h.box.frames().isNewSet())).as("the active box keeps its connection").isNotNull();
      assertThat(h.box.stats().reconnects()).isZero();
      assertThat(closed(h, "idle")).isEqualTo(2);
    }
  }
}
