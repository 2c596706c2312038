package io.gridwire.oig.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The self-loop guard: a cloud address that is this gateway is warned about and never connected to. */
class CloudConnectorTest {
  private static final int LISTEN = 5710;

  private static List<String> selfLoopWarnings(String cloudHost, int cloudPort) {
    OigConfig config = OigConfig.defaults().withCloud(cloudHost, cloudPort);
    try (LogCapture log = new LogCapture(CloudConnector.class)) {
      new CloudConnector(config, LISTEN).checkSelfLoop();
      return log.warnings().stream().filter(m -> m.contains("resolves to this gateway")).toList();
    }
  }

  @Test
  void checkSelfLoop_loopbackNameOnTheListenPort_warnsOnceNamingHostAndRemedy() {
    assertThat(selfLoopWarnings("localhost", LISTEN)).singleElement().satisfies(m -> assertThat(m)
        .startsWith("oig.cloud_host localhost resolves to this gateway (")
        .contains(":" + LISTEN + "): the proxy would connect to itself", "Configure the cloud's real IP address"));
    assertThat(selfLoopWarnings("127.0.0.1", LISTEN)).hasSize(1);
  }

  @Test
  void checkSelfLoop_thisMachinesOwnInterfaceAddress_warns() throws Exception {
    Optional<InetAddress> own = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
    if (own.isEmpty()) System.out.println("SKIPPED: no non-loopback IPv4 interface address on this machine");
    Assumptions.assumeTrue(own.isPresent(), "no non-loopback IPv4 interface address");
    // what a DNS override of bridge.oigpower.cz to the gateway's LAN address amounts to
    assertThat(selfLoopWarnings(own.get().getHostAddress(), LISTEN)).hasSize(1);
  }

  @Test
  void checkSelfLoop_otherPortOrForeignAddress_noWarning() {
    assertThat(selfLoopWarnings("127.0.0.1", LISTEN + 1)).isEmpty();
    assertThat(selfLoopWarnings("198.51.100.7", LISTEN)).isEmpty(); // TEST-NET-2: never this machine
  }

  @Test
  void connect_cloudIsThisGatewaysListener_refusedWithoutOpeningAConnection() throws Exception {
    try (ServerSocket listener = new ServerSocket()) {
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      listener.setSoTimeout(300);
      int port = listener.getLocalPort();
      CloudConnector c = new CloudConnector(OigConfig.defaults().withCloud("127.0.0.1", port)
          .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(1)),
          port);
      assertThatThrownBy(c::connect).isInstanceOf(IOException.class)
          .hasMessageContaining("is this gateway (self-connect loop)");
      assertThatThrownBy(listener::accept).as("nothing connected to the listener").isInstanceOf(SocketTimeoutException.class);
    }
  }
}
