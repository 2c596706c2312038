package io.gridwire.oig.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeadlineSweepTest {
  private static final byte[] FRAME = "<Frame><Result>ACK</Result><CRC>00000</CRC></Frame>\r\n".getBytes(StandardCharsets.US_ASCII);

  @Test
  void period_aTwentiethOfTheShortestTimeout_between5And250Ms() {
    OigConfig d = OigConfig.defaults(); // answer 5 s, idle 10 min, partial frame 30 s
    assertThat(DeadlineSweep.period(d)).isEqualTo(Duration.ofMillis(250));
    assertThat(DeadlineSweep.period(d.withTimeouts(d.connectTimeout(), Duration.ofMillis(400), d.probeInterval())))
        .isEqualTo(Duration.ofMillis(20));
    assertThat(DeadlineSweep.period(d.withStallTimeouts(Duration.ofMillis(40), Duration.ofMillis(30)))).isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void exchange_sweptLink_silentCloud_timedOutBySweepOnly() throws Exception {
    DeadlineSweep sweep = new DeadlineSweep(java.time.Clock.systemUTC());
    try (ServerSocket cloud = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), cloud.getLocalPort()));
      try (Socket silent = cloud.accept(); CloudLink link = CloudLink.open(s, 4096, "t", b -> { }, sweep)) {
        assertThat(sweep.size()).as("an idle link is not swept").isZero();
        CompletableFuture<CloudOutcome> outcome = CompletableFuture.supplyAsync(() -> link.exchange(FRAME, Duration.ofMillis(100), null));
        Thread.sleep(300);
        assertThat(sweep.size()).as("the waiting exchange").isEqualTo(1);
        assertThat(outcome).as("past its deadline, but nobody swept yet").isNotDone();
        sweep.run();
        assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(CloudOutcome.TimedOut.class);
        assertThat(link.downReason()).isEqualTo("no answer within 100 ms");
        assertThat(sweep.size()).as("the exchange is over").isZero();
        assertThat(silent.getInputStream().readNBytes(FRAME.length)).isEqualTo(FRAME);
      }
    }
  }

  @Test
  void exchange_sweptLink_answerInTime_notTimedOut() throws Exception {
    DeadlineSweep sweep = new DeadlineSweep(java.time.Clock.systemUTC());
    try (ServerSocket cloud = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), cloud.getLocalPort()));
      try (Socket peer = cloud.accept(); CloudLink link = CloudLink.open(s, 4096, "t", b -> { }, sweep)) {
        CompletableFuture<CloudOutcome> outcome = CompletableFuture.supplyAsync(() -> link.exchange(FRAME, Duration.ofSeconds(30), null));
        peer.getInputStream().readNBytes(FRAME.length);
        sweep.run(); // before the deadline: nothing happens
        peer.getOutputStream().write(FRAME);
        assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(CloudOutcome.Answered.class);
        assertThat(link.isDown()).isFalse();
        assertThat(sweep.size()).isZero();
      }
    }
  }
}
