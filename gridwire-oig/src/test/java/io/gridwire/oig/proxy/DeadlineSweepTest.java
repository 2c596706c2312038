package io.gridwire.oig.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.oig.codec.FrameDecoder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeadlineSweepTest {
  private static final byte[] FRAME = "<Frame><Result>ACK</Result><CRC>00000</CRC></Frame>\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BARE = "<Frame><Result>ACK</Result><CRC>00000</CRC></Frame>".getBytes(StandardCharsets.US_ASCII);

  @Test
  void period_aTwentiethOfTheShortestTimeout_between5And250Ms() {
    OigConfig d = OigConfig.defaults(); // answer 5 s, idle 10 min, partial frame 30 s
    assertThat(DeadlineSweep.period(d)).isEqualTo(Duration.ofMillis(250));
    assertThat(DeadlineSweep.period(d.withTimeouts(d.connectTimeout(), Duration.ofMillis(400), d.probeInterval())))
        .isEqualTo(Duration.ofMillis(20));
    assertThat(DeadlineSweep.period(d.withStallTimeouts(Duration.ofMillis(40), Duration.ofMillis(30)))).isEqualTo(Duration.ofMillis(5));
  }

  /** A link on a loop whose own sweep never runs in the test (an hour apart): the test sweeps by hand, on the loop. */
  private record Linked(IoLoop loop, CloudLink link, Socket peer) implements AutoCloseable {
    static Linked open(ServerSocket cloud, List<byte[]> unsolicited) throws Exception {
      IoLoop loop = new IoLoop("test-io", new DeadlineSweep(java.time.Clock.systemUTC()), Duration.ofHours(1));
      SocketChannel ch = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), cloud.getLocalPort()));
      Socket peer = cloud.accept();
      CloudLink link = on(loop, () -> CloudLink.register(loop, ch, new FrameDecoder(4096), 4 * 4096, unsolicited::add, unsolicited::add));
      return new Linked(loop, link, peer);
    }

    @Override
    public void close() throws Exception {
      peer.close();
      loop.close();
    }
  }

  private static <T> T on(IoLoop loop, java.util.concurrent.Callable<T> task) throws Exception {
    CompletableFuture<T> f = new CompletableFuture<>();
    loop.execute(() -> {
      try {
        f.complete(task.call());
      } catch (Exception e) {
        f.completeExceptionally(e);
      }
    });
    return f.get(5, TimeUnit.SECONDS);
  }

  private static CompletableFuture<Object> exchange(Linked l, Duration timeout, List<byte[]> sink) throws Exception {
    CompletableFuture<Object> outcome = new CompletableFuture<>();
    on(l.loop, () -> l.link.exchange(FRAME, timeout, sink::add, new CloudLink.Waiter() {
      @Override
      public void answered(byte[] raw) {
        outcome.complete(new CloudOutcome.Answered(raw));
      }

      @Override
      public void failed(CloudOutcome o) {
        outcome.complete(o);
      }
    }));
    return outcome;
  }

  @Test
  void exchange_silentCloud_timedOutBySweepOnly_lateAnswerNeverPassedOn() throws Exception {
    List<byte[]> unsolicited = new CopyOnWriteArrayList<>();
    List<byte[]> sink = new CopyOnWriteArrayList<>();
    try (ServerSocket cloud = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()); Linked l = Linked.open(cloud, unsolicited)) {
      CompletableFuture<Object> outcome = exchange(l, Duration.ofMillis(100), sink);
      Thread.sleep(300);
      assertThat(outcome).as("past its deadline, but nobody swept yet").isNotDone();
      on(l.loop, () -> {
        l.link.sweep(System.nanoTime());
        return null;
      });
      assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(CloudOutcome.TimedOut.class);
      assertThat(l.link.downReason()).isEqualTo("no answer within 100 ms");
      assertThat(l.peer.getInputStream().readNBytes(FRAME.length)).isEqualTo(FRAME);
      try {
        l.peer.getOutputStream().write(FRAME); // the late answer: the link is closed, nobody sees it
      } catch (java.io.IOException closed) {
        // the proxy's side is gone already
      }
      Thread.sleep(100);
      assertThat(sink).isEmpty();
      assertThat(unsolicited).isEmpty();
    }
  }

  @Test
  void exchange_answerSplitOverReads_passedOnWholeWithItsLateLineEnd() throws Exception {
    List<byte[]> unsolicited = new CopyOnWriteArrayList<>();
    List<byte[]> sink = new CopyOnWriteArrayList<>();
    try (ServerSocket cloud = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()); Linked l = Linked.open(cloud, unsolicited)) {
      l.peer.setTcpNoDelay(true);
      CompletableFuture<Object> outcome = exchange(l, Duration.ofSeconds(30), sink);
      l.peer.getInputStream().readNBytes(FRAME.length);
      on(l.loop, () -> {
        l.link.sweep(System.nanoTime()); // before the deadline: nothing happens
        return null;
      });
      for (int i = 0; i < BARE.length; i += 7) {
        l.peer.getOutputStream().write(BARE, i, Math.min(7, BARE.length - i));
        l.peer.getOutputStream().flush();
        Thread.sleep(5);
        if (i + 7 < BARE.length) assertThat(outcome).as("half an answer is no answer").isNotDone();
      }
      assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(CloudOutcome.Answered.class,
          a -> assertThat(a.raw()).isEqualTo(BARE));
      l.peer.getOutputStream().write("\r\n".getBytes(StandardCharsets.US_ASCII)); // the cloud's late line end
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sink.size() == 2);
      assertThat(new String(sink.get(1), StandardCharsets.US_ASCII)).isEqualTo("\r\n");
      assertThat(l.link.isDown()).isFalse();
      l.peer.getOutputStream().write(FRAME); // nobody waits: unsolicited
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> unsolicited.size() == 1);
    }
  }
}
