package io.gridwire.modbus.client;

import io.gridwire.modbus.codec.Outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
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
