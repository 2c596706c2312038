package io.gridwire.modbus.client;

import io.gridwire.modbus.codec.Outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reactor-driven Modbus TCP transport: the shared contract, plus its reactor's life cycle. */
class NioTcpTransportIT extends TcpTransportContract {
  private final TcpReactor reactor = new TcpReactor("test-io");

  @AfterEach
  void stop() {
    reactor.close();
  }

  @Override
  ModbusTransport connectTo(int port) {
    return new NioTcpTransport(reactor, "127.0.0.1", port, Duration.ofSeconds(1));
  }

  @Test
  void close_lastTransport_stopsTheReactorAndLaterCallsFail() throws Exception {
    try (ScriptedTcpServer s = new ScriptedTcpServer()) {
      ModbusTransport t = to(s);
      assertThat(first(t.execute(1, POLL.get(0), TIMEOUT))).isZero();
      t.close();
      assertThat(reactor.awaitTermination(Duration.ofSeconds(2))).isTrue();
      assertThat(t.execute(1, POLL.get(0), TIMEOUT)).isEqualTo(new Outcome.TransportDown("transport closed"));
    }
  }

  /** A poll timed by the reactor: its first request goes out at its start time, not before, and all run. */
  @Test
  void executeAllAt_sendsAtTheStartTime_notBefore() throws Exception {
    try (ScriptedTcpServer s = new ScriptedTcpServer(); ModbusTransport t = to(s)) {
      assertThat(t.schedulesBatches()).isTrue();
      long at = System.nanoTime() + Duration.ofMillis(150).toNanos();
      long[] started = new long[1];
      Outcome[] outcomes = new Outcome[3];

      int ran = t.executeAllAt(at, 1, POLL, TIMEOUT, Duration.ZERO, () -> false, outcomes, new long[3], started);

      assertThat(ran).isEqualTo(3);
      assertThat(started[0] - at).isBetween(0L, Duration.ofMillis(100).toNanos());
      assertThat(first(outcomes[2])).isEqualTo(212);
    }
  }

  /**
   * A write queued while the poll waits for its start: the poll ends at once with nothing sent, so
   * the write goes first — whether the wait is the reactor's (connected) or the caller's (the
   * connect waits for the start too).
   */
  @Test
  void wake_beforeTheStart_endsTheBatchWithNothingRun() throws Exception {
    try (ScriptedTcpServer s = new ScriptedTcpServer(); ModbusTransport t = to(s); ModbusTransport fresh = to(s)) {
      t.execute(1, POLL.get(0), TIMEOUT); // connected: the reactor times the start
      for (ModbusTransport x : List.of(t, fresh)) {
        long[] started = new long[1];
        var result = new java.util.concurrent.CompletableFuture<Integer>();
        long t0 = System.nanoTime();
        Thread.ofVirtual().start(() -> {
          try {
            result.complete(x.executeAllAt(System.nanoTime() + Duration.ofSeconds(5).toNanos(), 1, POLL, TIMEOUT, Duration.ZERO,
                () -> false, new Outcome[3], new long[3], started));
          } catch (InterruptedException e) {
            result.completeExceptionally(e);
          }
        });
        Thread.sleep(100);
        x.wake();

        assertThat(result.get(2, java.util.concurrent.TimeUnit.SECONDS)).isZero();
        assertThat(System.nanoTime() - t0).isLessThan(Duration.ofSeconds(2).toNanos());
      }
      assertThat(s.accepted.get()).isEqualTo(1); // the fresh one did not connect before its start
      long[] started = new long[1];
      // a write waiting already when the batch is handed over: nothing runs either
      assertThat(t.executeAllAt(System.nanoTime() + Duration.ofSeconds(5).toNanos(), 1, POLL, TIMEOUT, Duration.ZERO, () -> true,
          new Outcome[3], new long[3], started)).isZero();
    }
  }

  /** The device closes the idle connection before the start: nothing runs, and the next call reconnects and polls. */
  @Test
  void connectionClosedWhileWaiting_nothingRun_nextCallReconnects() throws Exception {
    try (ScriptedTcpServer s = new ScriptedTcpServer(); ModbusTransport t = to(s)) {
      t.execute(1, POLL.get(0), TIMEOUT); // connected: the batch waits on the reactor
      var result = new java.util.concurrent.CompletableFuture<Integer>();
      Thread.ofVirtual().start(() -> {
        try {
          result.complete(t.executeAllAt(System.nanoTime() + Duration.ofMillis(400).toNanos(), 1, POLL, TIMEOUT, Duration.ZERO,
              () -> false, new Outcome[3], new long[3], new long[1]));
        } catch (InterruptedException e) {
          result.completeExceptionally(e);
        }
      });
      Thread.sleep(150);
      s.dropConnections();
      assertThat(result.get(2, java.util.concurrent.TimeUnit.SECONDS)).isZero();

      Outcome[] outcomes = new Outcome[3];
      assertThat(t.executeAllAt(System.nanoTime(), 1, POLL, TIMEOUT, Duration.ZERO, () -> false, outcomes, new long[3],
          new long[1])).isEqualTo(3);
      assertThat(first(outcomes[0])).isZero();
      assertThat(s.accepted.get()).isEqualTo(2);
    }
  }

  /** Closing the transport while a poll waits for its start ends that poll (the caller is not left parked). */
  @Test
  void close_whileAPollWaitsForItsStart_theWaitEnds() throws Exception {
    try (ScriptedTcpServer s = new ScriptedTcpServer()) {
      ModbusTransport t = to(s);
      t.execute(1, POLL.get(0), TIMEOUT); // one user of the reactor: closing the transport stops it
      var result = new java.util.concurrent.CompletableFuture<Integer>();
      Thread poller = Thread.ofVirtual().start(() -> {
        try {
          result.complete(t.executeAllAt(System.nanoTime() + Duration.ofSeconds(30).toNanos(), 1, POLL, TIMEOUT, Duration.ZERO,
              () -> false, new Outcome[3], new long[3], new long[1]));
        } catch (InterruptedException e) {
          result.completeExceptionally(e);
        }
      });
      Thread.sleep(100);
      poller.interrupt(); // as ModbusPoller.close does before closing the transports
      t.close();
      assertThat(poller.join(Duration.ofSeconds(2))).isTrue();
      assertThat(result).isCompletedExceptionally();
    }
  }

  @Test
  void reactor_negativeMinPass_rejected() {
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
