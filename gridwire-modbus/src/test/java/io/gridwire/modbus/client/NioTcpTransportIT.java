package io.gridwire.modbus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reactor-driven Modbus TCP transport against scripted peers on 127.0.0.1. */
class NioTcpTransportIT {
  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private static final List<ModbusRequest> POLL = List.of(new ModbusRequest.ReadRegisters(3, 0, 1),
      new ModbusRequest.ReadRegisters(3, 120, 16), new ModbusRequest.ReadRegisters(3, 212, 30));
  private final TcpReactor reactor = new TcpReactor("test-io");
  private final Outcome[] outcomes = new Outcome[3];
  private final long[] rtt = new long[3];

  @AfterEach
  void stop() {
    reactor.close();
  }

  private NioTcpTransport to(ScriptedTcpServer s) {
    return new NioTcpTransport(reactor, "127.0.0.1", s.port(), Duration.ofSeconds(1));
  }

  private static int first(Outcome o) {
    return ((Outcome.Ok) o).words()[0];
  }

  @Test
  void executeAll_everyBlockAnswers_outcomesInOrder() throws Exception {
    try (ScriptedTcpServer s = new ScriptedTcpServer(); NioTcpTransport t = to(s)) {
      assertThat(t.executeAll(1, POLL, TIMEOUT, Duration.ZERO, () -> false, outcomes, rtt)).isEqualTo(3);
      assertThat(first(outcomes[0])).isZero();
      assertThat(((Outcome.Ok) outcomes[1]).words()).hasSize(16).startsWith(120, 121);
      assertThat(first(outcomes[2])).isEqualTo(212);
      assertThat(rtt).doesNotContain(0L);
    }
  }

  @Test
  void executeAll_lateAnswerArrivesDuringNextRequest_skippedByTransactionId() throws Exception {
    try (ScriptedTcpServer s = new ScriptedTcpServer(); NioTcpTransport t = to(s)) {
      s.script.add(new ScriptedTcpServer.Answer(450)); // after the timeout, while the next request waits
      s.script.add(new ScriptedTcpServer.Answer(250));
      int ran = t.executeAll(1, POLL, TIMEOUT, Duration.ZERO, () -> false, outcomes, rtt);
      assertThat(ran).isEqualTo(1);
      assertThat(outcomes[0]).isInstanceOf(Outcome.TimedOut.class);
      Outcome next = t.execute(1, POLL.get(2), TIMEOUT);
      assertThat(first(next)).as("the answer to 212, not the late one to 0").isEqualTo(212);
      assertThat(s.accepted.get()).isEqualTo(1);
    }
  }

  @Test
  void executeAll_gapAndWriteWaiting_stopsBeforeTheNextRequest() throws Exception {
    try (ScriptedTcpServer s = new ScriptedTcpServer(); NioTcpTransport t = to(s)) {
      long t0 = System.nanoTime();
      assertThat(t.executeAll(1, POLL, TIMEOUT, Duration.ofMillis(40), () -> false, outcomes, rtt)).isEqualTo(3);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(80));
      assertThat(t.executeAll(1, POLL, TIMEOUT, Duration.ZERO, () -> true, outcomes, rtt)).isEqualTo(1);
    }
  }

  @Test
  void executeAll_garbageHeader_malformedThenReconnects() throws Exception {
    try (ScriptedTcpServer s = new ScriptedTcpServer(); NioTcpTransport t = to(s)) {
      s.script.add(new ScriptedTcpServer.Garbage());
      int ran = t.executeAll(1, POLL, TIMEOUT, Duration.ZERO, () -> false, outcomes, rtt);
      assertThat(ran).isEqualTo(1);
      assertThat(outcomes[0]).isInstanceOfSatisfying(Outcome.Malformed.class, m -> assertThat(m.reason()).contains("protocol"));
      assertThat(first(t.execute(1, POLL.get(2), TIMEOUT))).isEqualTo(212);
      assertThat(s.accepted.get()).isEqualTo(2);
    }
  }

  @Test
  void executeAll_peerClosesMidAnswer_transportDownThenReconnects() throws Exception {
    try (ScriptedTcpServer s = new ScriptedTcpServer(); NioTcpTransport t = to(s)) {
      s.script.add(new ScriptedTcpServer.Answer(0));
      s.script.add(new ScriptedTcpServer.CloseMidAnswer());
      assertThat(t.executeAll(1, POLL, TIMEOUT, Duration.ZERO, () -> false, outcomes, rtt)).isEqualTo(2);
      assertThat(outcomes[1]).isInstanceOfSatisfying(Outcome.TransportDown.class,
          d -> assertThat(d.reason()).isEqualTo("connection closed by peer mid-answer"));
      assertThat(first(t.execute(1, POLL.get(0), TIMEOUT))).isZero();
    }
  }

  @Test
  void executeAll_oneDeviceSilent_anotherOnTheSameReactorAnswersMeanwhile() throws Exception {
    try (ScriptedTcpServer dead = new ScriptedTcpServer(); ScriptedTcpServer live = new ScriptedTcpServer();
        NioTcpTransport deadT = to(dead); NioTcpTransport liveT = to(live)) {
      for (int i = 0; i < 5; i++) dead.script.add(new ScriptedTcpServer.Silent());
      AtomicReference<Outcome> deadOutcome = new AtomicReference<>();
      Thread waiting = Thread.ofVirtual().start(() -> deadOutcome.set(deadT.execute(1, POLL.get(0), Duration.ofSeconds(2))));
      Thread.sleep(50);
      long t0 = System.nanoTime();
      for (int i = 0; i < 20; i++) assertThat(liveT.executeAll(1, POLL, TIMEOUT, Duration.ZERO, () -> false, outcomes, rtt)).isEqualTo(3);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
      assertThat(waiting.isAlive()).isTrue();
      waiting.join();
      assertThat(deadOutcome.get()).isInstanceOf(Outcome.TimedOut.class);
    }
  }

  @Test
  void executeAll_callerInterrupted_throwsAndTransportStaysUsable() throws Exception {
    try (ScriptedTcpServer s = new ScriptedTcpServer(); NioTcpTransport t = to(s)) {
      s.script.add(new ScriptedTcpServer.Silent());
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Thread th = Thread.ofVirtual().start(() -> {
        try {
          t.executeAll(1, POLL, Duration.ofSeconds(5), Duration.ZERO, () -> false, new Outcome[3], new long[3]);
        } catch (Throwable e) {
          thrown.set(e);
        }
      });
      Thread.sleep(100);
      th.interrupt();
      th.join(Duration.ofSeconds(2));
      assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
      assertThat(first(t.execute(1, POLL.get(2), TIMEOUT))).isEqualTo(212);
    }
  }

  @Test
  void close_lastTransport_stopsTheReactorAndLaterCallsFail() throws Exception {
    try (ScriptedTcpServer s = new ScriptedTcpServer()) {
      NioTcpTransport t = to(s);
      assertThat(first(t.execute(1, POLL.get(0), TIMEOUT))).isZero();
      t.close();
      assertThat(reactor.awaitTermination(Duration.ofSeconds(2))).isTrue();
      assertThat(t.execute(1, POLL.get(0), TIMEOUT)).isEqualTo(new Outcome.TransportDown("transport closed"));
    }
  }

  @Test
  void connect_nobodyListening_transportDown() throws Exception {
    // a bound socket that never listens holds the port, so no other process can answer on it
    try (Socket holder = new Socket()) {
      holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      try (NioTcpTransport t = new NioTcpTransport(reactor, "127.0.0.1", holder.getLocalPort(), Duration.ofSeconds(1))) {
        assertThat(t.execute(1, POLL.get(0), TIMEOUT)).isInstanceOf(Outcome.TransportDown.class);
      }
    }
    assertThatThrownBy(() -> new TcpReactor("x", Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refuseSelfConnect_socketConnectedToItself_isRefused() throws Exception {
    try (Socket self = new Socket()) {
      self.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      self.connect(self.getLocalSocketAddress(), 1000); // TCP simultaneous open with itself
      assertThatThrownBy(() -> SocketLink.refuseSelfConnect(self)).isInstanceOf(ConnectException.class).hasMessageContaining("itself");
    }
    try (ScriptedTcpServer s = new ScriptedTcpServer(); Socket other = new Socket("127.0.0.1", s.port())) {
      SocketLink.refuseSelfConnect(other); // a real peer passes
    }
  }
}
