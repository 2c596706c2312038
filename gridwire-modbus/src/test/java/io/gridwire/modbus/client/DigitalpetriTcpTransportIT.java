package io.gridwire.modbus.client;

import io.gridwire.modbus.codec.Outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.modbus.client.digitalpetri.DigitalpetriTcpTransport;
import io.gridwire.modbus.client.digitalpetri.SharedEventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The digitalpetri-based Modbus TCP transport: the shared contract, plus its event loop's life cycle. */
class DigitalpetriTcpTransportIT extends TcpTransportContract {
  private final SharedEventLoop loop = new SharedEventLoop("test-netty-io", 1);

  @org.junit.jupiter.api.Test
  void retain_afterTheLastRelease_refusedInsteadOfHandingOutADeadLoop() {
    loop.retain();
    loop.release();
    org.assertj.core.api.Assertions.assertThatThrownBy(loop::retain).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("shut down");
  }

  @AfterEach
  void stop() throws InterruptedException {
    try {
      loop.retain();
      loop.release(); // shuts the loop down if a test left no transport open
    } catch (IllegalStateException alreadyShutDown) {
      // the test's last transport closed it, as it should
    }
    assertThat(loop.awaitTermination(Duration.ofSeconds(5))).isTrue();
  }

  @Override
  ModbusTransport connectTo(int port) {
    return new DigitalpetriTcpTransport(loop, "127.0.0.1", port, Duration.ofSeconds(1));
  }

  @Test
  void manyDevices_shareOneThread_andClosingTheLastLeavesNoThreadBehind() throws Exception {
    Set<Thread> before = platformThreads();
    List<ModbusTransport> devices = new ArrayList<>();
    try (ScriptedTcpServer s = new ScriptedTcpServer()) {
      for (int i = 0; i < 200; i++) devices.add(to(s));
      List<Thread> pollers = new ArrayList<>();
      for (ModbusTransport t : devices) {
        pollers.add(Thread.ofVirtual().start(() -> {
          Outcome[] o = new Outcome[3];
          try {
            t.executeAll(1, POLL, Duration.ofSeconds(5), Duration.ZERO, () -> false, o, new long[3]);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          assertThat(first(o[2])).isEqualTo(212);
        }));
      }
      for (Thread p : pollers) p.join(Duration.ofSeconds(20));
      assertThat(s.accepted.get()).isEqualTo(200);
      Set<String> started = names(minus(platformThreads(), before));
      assertThat(started).as("threads started for 200 devices").hasSize(1).allMatch(n -> n.startsWith("test-netty-io"));
      for (ModbusTransport t : devices) t.close();
    }
    assertThat(loop.awaitTermination(Duration.ofSeconds(5))).as("the last close stops the loop").isTrue();
    // Netty's globalEventExecutor thread reports the loop's termination, then ends after 1 s idle
    await().pollInSameThread().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(names(minus(platformThreads(), before))).as("threads left behind").isEmpty());
  }

  /** Live platform threads except the JDK's virtual-thread carriers (the test's own threads are virtual). */
  private static Set<Thread> platformThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !t.isVirtual() && t.isAlive() && !t.getName().startsWith("ForkJoinPool-") && !t.getName().startsWith("VirtualThread-"))
        .collect(Collectors.toSet());
  }

  private static Set<Thread> minus(Set<Thread> a, Set<Thread> b) {
    return a.stream().filter(t -> !b.contains(t)).collect(Collectors.toSet());
  }

  private static Set<String> names(Set<Thread> threads) {
    return threads.stream().map(Thread::getName).collect(Collectors.toSet());
  }
}
