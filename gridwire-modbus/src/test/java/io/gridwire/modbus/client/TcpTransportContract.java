package io.gridwire.modbus.client;

import io.gridwire.modbus.codec.ModbusRequest;
import io.gridwire.modbus.codec.Outcome;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What every Modbus TCP {@link ModbusTransport} must do, against scripted peers on 127.0.0.1.
 * A subclass supplies the transport; transports of one test instance share their I/O thread.
 */
abstract class TcpTransportContract {
  static final Duration TIMEOUT = Duration.ofMillis(300);
  static final List<ModbusRequest> POLL = List.of(new ModbusRequest.ReadRegisters(3, 0, 1),
      new ModbusRequest.ReadRegisters(3, 120, 16), new ModbusRequest.ReadRegisters(3, 212, 30));
  final Outcome[] outcomes = new Outcome[3];
  final long[] rtt = new long[3];

  /** A transport to 127.0.0.1:{@code port} with a 1 s connect timeout. */
  abstract ModbusTransport connectTo(int port);

  ModbusTransport to(ScriptedTcpServer s) {
    return connectTo(s.port());
  }

  static int first(Outcome o) {
    return ((Outcome.Ok) o).words()[0];
  }

  @Test
  void executeAll_everyBlockAnswers_outcomesInOrder() throws Exception {
    try (ScriptedTcpServer s = new ScriptedTcpServer(); ModbusTransport t = to(s)) {
      assertThat(t.executeAll(1, POLL, TIMEOUT, Duration.ZERO, () -> false, outcomes, rtt)).isEqualTo(3);
      assertThat(first(outcomes[0])).isZero();
      assertThat(((Outcome.Ok) outcomes[1]).words()).hasSize(16).startsWith(120, 121);
      assertThat(first(outcomes[2])).isEqualTo(212);
      assertThat(rtt).doesNotContain(0L);
    }
  }

  @Test
  void executeAll_lateAnswerArrivesDuringNextRequest_skippedByTransactionId() throws Exception {
    try (ScriptedTcpServer s = new ScriptedTcpServer(); ModbusTransport t = to(s)) {
      s.script.add(new ScriptedTcpServer.Answer(450)); // after the timeout, while the next request waits
      s.script.add(new ScriptedTcpServer.Answer(250));
      int ran = t.executeAll(1, POLL, TIMEOUT, Duration.ZERO, () -> false, outcomes, rtt);
      assertThat(ran).isEqualTo(1);
      assertThat(outcomes[0]).isEqualTo(new Outcome.TimedOut(TIMEOUT));
      Outcome next = t.execute(1, POLL.get(2), TIMEOUT);
      assertThat(first(next)).as("the answer to 212, not the late one to 0").isEqualTo(212);
      assertThat(s.accepted.get()).isEqualTo(1);
    }
  }

  @Test
  void execute_timeoutPerRequest_eachCallWaitsItsOwn() throws Exception {
    try (ScriptedTcpServer s = new ScriptedTcpServer(); ModbusTransport t = to(s)) {
      s.script.add(new ScriptedTcpServer.Silent());
      s.script.add(new ScriptedTcpServer.Answer(400));
      long t0 = System.nanoTime();
      assertThat(t.execute(1, POLL.get(0), Duration.ofMillis(150))).isEqualTo(new Outcome.TimedOut(Duration.ofMillis(150)));
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(140), Duration.ofMillis(1000));
      assertThat(first(t.execute(1, POLL.get(2), Duration.ofMillis(1500)))).as("a 400 ms answer within 1.5 s").isEqualTo(212);
    }
  }

  @Test
  void executeAll_gapAndWriteWaiting_stopsBeforeTheNextRequest() throws Exception {
    try (ScriptedTcpServer s = new ScriptedTcpServer(); ModbusTransport t = to(s)) {
      long t0 = System.nanoTime();
      assertThat(t.executeAll(1, POLL, TIMEOUT, Duration.ofMillis(40), () -> false, outcomes, rtt)).isEqualTo(3);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(80));
      assertThat(t.executeAll(1, POLL, TIMEOUT, Duration.ZERO, () -> true, outcomes, rtt)).isEqualTo(1);
    }
  }

  @Test
  void execute_exceptionAnswer_refusedWithItsCodeOnTheSameConnection() throws Exception {
    try (ScriptedTcpServer s = new ScriptedTcpServer(); ModbusTransport t = to(s)) {
      s.script.add(new ScriptedTcpServer.Refuse(2));
      assertThat(t.execute(1, POLL.get(1), TIMEOUT)).isEqualTo(new Outcome.Refused(2));
      assertThat(first(t.execute(1, POLL.get(2), TIMEOUT))).isEqualTo(212);
      assertThat(s.accepted.get()).isEqualTo(1);
    }
  }

  @Test
  void executeAll_answerFromAnotherUnit_malformedAndTheBatchGoesOn() throws Exception {
    try (ScriptedTcpServer s = new ScriptedTcpServer(); ModbusTransport t = to(s)) {
      s.script.add(new ScriptedTcpServer.WrongUnit(9));
      assertThat(t.executeAll(1, POLL, TIMEOUT, Duration.ZERO, () -> false, outcomes, rtt)).isEqualTo(3);
      assertThat(outcomes[0]).isEqualTo(new Outcome.Malformed("answer from unit 9, expected 1"));
      assertThat(first(outcomes[1])).isEqualTo(120);
      assertThat(first(outcomes[2])).isEqualTo(212);
    }
  }

  @Test
  void executeAll_garbageHeader_malformedThenReconnects() throws Exception {
    try (ScriptedTcpServer s = new ScriptedTcpServer(); ModbusTransport t = to(s)) {
      s.script.add(new ScriptedTcpServer.Garbage());
      int ran = t.executeAll(1, POLL, TIMEOUT, Duration.ZERO, () -> false, outcomes, rtt);
      assertThat(ran).isEqualTo(1);
      assertThat(outcomes[0]).isInstanceOfSatisfying(Outcome.Malformed.class, m -> assertThat(m.reason()).contains("protocol"));
      assertThat(first(t.execute(1, POLL.get(2), TIMEOUT))).isEqualTo(212);
      assertThat(s.accepted.get()).isEqualTo(2);
    }
  }

  @Test
  void executeAll_streamStopsMidAnswer_timedOutThenReconnects() throws Exception {
    try (ScriptedTcpServer s = new ScriptedTcpServer(); ModbusTransport t = to(s)) {
      s.script.add(new ScriptedTcpServer.HalfAnswer());
      assertThat(t.executeAll(1, POLL, TIMEOUT, Duration.ZERO, () -> false, outcomes, rtt)).isEqualTo(1);
      assertThat(outcomes[0]).isEqualTo(new Outcome.TimedOut(TIMEOUT));
      assertThat(first(t.execute(1, POLL.get(2), TIMEOUT))).as("a fresh connection, in step").isEqualTo(212);
      assertThat(s.accepted.get()).isEqualTo(2);
    }
  }

  @Test
  void executeAll_peerClosesMidAnswer_transportDownThenReconnects() throws Exception {
    try (ScriptedTcpServer s = new ScriptedTcpServer(); ModbusTransport t = to(s)) {
      s.script.add(new ScriptedTcpServer.Answer(0));
      s.script.add(new ScriptedTcpServer.CloseMidAnswer());
      long t0 = System.nanoTime();
      assertThat(t.executeAll(1, POLL, TIMEOUT, Duration.ZERO, () -> false, outcomes, rtt)).isEqualTo(2);
      assertThat(outcomes[1]).isInstanceOfSatisfying(Outcome.TransportDown.class,
          d -> assertThat(d.reason()).isEqualTo("connection closed by peer mid-answer"));
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("reported at once, not at the timeout").isLessThan(TIMEOUT);
      assertThat(first(t.execute(1, POLL.get(0), TIMEOUT))).isZero();
    }
  }

  @Test
  void executeAll_oneDeviceSilent_anotherOnTheSameIoThreadAnswersMeanwhile() throws Exception {
    try (ScriptedTcpServer dead = new ScriptedTcpServer(); ScriptedTcpServer live = new ScriptedTcpServer();
        ModbusTransport deadT = to(dead); ModbusTransport liveT = to(live)) {
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
    try (ScriptedTcpServer s = new ScriptedTcpServer(); ModbusTransport t = to(s)) {
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
  void reset_closesTheConnection_nextRequestReconnects() throws Exception {
    try (ScriptedTcpServer s = new ScriptedTcpServer(); ModbusTransport t = to(s)) {
      assertThat(first(t.execute(1, POLL.get(0), TIMEOUT))).isZero();
      t.reset();
      assertThat(first(t.execute(1, POLL.get(2), TIMEOUT))).isEqualTo(212);
      assertThat(s.accepted.get()).isEqualTo(2);
    }
  }

  @Test
  void connect_nobodyListening_transportDownWithAReason() throws Exception {
    // a bound socket that never listens holds the port, so no other process can answer on it
    try (Socket holder = new Socket()) {
      holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      try (ModbusTransport t = connectTo(holder.getLocalPort())) {
        for (int i = 0; i < 2; i++) { // and again: no reconnect left running in the background
          assertThat(t.execute(1, POLL.get(0), TIMEOUT)).isInstanceOfSatisfying(Outcome.TransportDown.class,
              d -> assertThat(d.reason()).isNotBlank().isNotEqualTo("null"));
        }
      }
    }
  }

  @Test
  void close_laterCallsFail() throws Exception {
    try (ScriptedTcpServer s = new ScriptedTcpServer()) {
      ModbusTransport keep = to(s); // keeps a shared I/O thread alive
      ModbusTransport t = to(s);
      assertThat(first(t.execute(1, POLL.get(0), TIMEOUT))).isZero();
      t.close();
      assertThat(t.execute(1, POLL.get(0), TIMEOUT)).isEqualTo(new Outcome.TransportDown("transport closed"));
      assertThat(first(keep.execute(1, POLL.get(2), TIMEOUT))).isEqualTo(212);
      keep.close();
    }
  }
}
