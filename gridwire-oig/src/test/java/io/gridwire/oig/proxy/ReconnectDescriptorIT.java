package io.gridwire.oig.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.oig.codec.Decoded;
import io.gridwire.oig.codec.FrameKind;
import io.gridwire.oig.codec.OigFrameParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The field's descriptor leak: a box that reconnects thousands of times must not leave cloud
 * sockets open behind it. Box, proxy and cloud simulator share this JVM, so every socket any of
 * them leaks shows in {@code /proc/self/fd}.
 */
class ReconnectDescriptorIT {
  private static final int CYCLES = 1_000;
  private static final int WARM_UP = 30;
  /** Descriptors the JVM may open on its own meanwhile (JIT, class loading, a GC thread's file). */
  private static final int SLACK = 10;

  @Test
  @Timeout(60)
  void reconnects_thousandBoxConnectionsThroughProxy_descriptorsFlatAndEveryCloudSocketClosed() throws Exception {
    Path fds = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fds)) System.out.println("SKIPPED: no /proc/self/fd on this OS");
    Assumptions.assumeTrue(Files.isDirectory(fds), "no /proc/self/fd");
    try (ProxyHarness h = new ProxyHarness(Clock.systemUTC(), c -> c.withLimits(10_000, 1_000_000), false)) {
      cycles(h, WARM_UP); // first use opens the virtual-thread pollers and loads classes
      settle(h);
      long before = count(fds);
      long started = System.nanoTime();
      cycles(h, CYCLES);
      settle(h);
      long after = count(fds);
      System.out.printf("ReconnectDescriptorIT: %d box connections in %d ms; open descriptors %d before, %d after%n",
          CYCLES, (System.nanoTime() - started) / 1_000_000, before, after);
      assertThat(after).as("open descriptors after %d reconnects", CYCLES).isLessThanOrEqualTo(before + SLACK);
      assertThat(h.cloud.connections()).as("one cloud connection per box connection").isEqualTo(WARM_UP + CYCLES);
      assertThat(h.cloud.openConnections()).isZero();
      assertThat(h.cloud.received()).as("every frame answered by the cloud, not locally").hasSize(WARM_UP + CYCLES);
      assertThat(h.box.stats().unanswered()).isZero();
      assertThat(h.proxy.refusedConnections()).isZero();
    }
  }

  /** Connect, one frame answered through the cloud, disconnect — {@code n} times. */
  private static void cycles(ProxyHarness h, int n) throws IOException {
    for (int i = 0; i < n; i++) {
      h.box.connect();
      byte[] answer = h.box.exchange(h.box.frames().actual(Instant.now()));
      assertThat(answer).as("answer in cycle %d", i).isNotNull();
      assertThat(((Decoded.Ok) OigFrameParser.parse(answer)).frame().kind()).isEqualTo(FrameKind.ACK_GET_ACTUAL);
    }
    h.box.close();
  }

  /** Every session ended and the cloud simulator saw every cloud socket closed. */
  private static void settle(ProxyHarness h) {
    await().atMost(Duration.ofSeconds(10)).until(() -> h.proxy.sessions().isEmpty() && h.cloud.openConnections() == 0);
  }

  private static long count(Path fds) throws IOException {
    try (Stream<Path> s = Files.list(fds)) {
      return s.count();
    }
  }
}
