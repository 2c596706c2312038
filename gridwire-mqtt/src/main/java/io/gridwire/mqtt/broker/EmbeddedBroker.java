package io.gridwire.mqtt.broker;

import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process MQTT broker (Moquette) so dataloggers can publish straight to the gateway when
 * no broker is configured. Telemetry is off. Clients connect over plain MQTT/TCP to
 * {@link #port()}, served by a {@link FramingBridge} that relays whole packets to Moquette's
 * WebSocket transport on a private loopback port (works around a Netty 4.2.13 MQTT decoder bug
 * that dropped clients publishing bursts; see {@link FramingBridge}). Not thread-safe for
 * start/close; call them from one thread.
 */
public final class EmbeddedBroker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

  /** Largest MQTT packet the embedded broker accepts. */
  public static final int MAX_MESSAGE_BYTES = 1024 * 1024;

  /** The same bound as a whole packet: remaining length plus a fixed header of at most 5 bytes. */
  static final int MAX_PACKET_BYTES = MAX_MESSAGE_BYTES + MqttPacketFramer.MAX_FIXED_HEADER_BYTES;

  /** Commands each Moquette session loop queues before it drops publishes (Moquette default 1024). */
  static final int SESSION_QUEUE_SIZE = 65_536;

  private static final String LOOPBACK = "127.0.0.1";
  private static final String WS_PATH = "/mqtt";

  private final EmbeddedBrokerConfig config;
  private Server server;
  private FramingBridge bridge;
  private int port = -1;

  public EmbeddedBroker(EmbeddedBrokerConfig config) {
    this.config = config;
  }

  /**
   * Starts listening. Blocks until the broker accepts connections.
   *
   * @throws IllegalStateException when the port is taken and {@code pickFreePortIfTaken} is off
   */
  public synchronized EmbeddedBroker start() {
    if (server != null) return this;
    int chosen = choosePort();
    if (config.persistence()) requireH2();
    int loopbackPort = anyFreePort(LOOPBACK);
    Properties p = new Properties();
    // Moquette itself listens only on loopback, over WebSocket: the bridge owns the public port.
    p.setProperty(IConfig.HOST_PROPERTY_NAME, LOOPBACK);
    p.setProperty(IConfig.PORT_PROPERTY_NAME, "disabled");
    p.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, Integer.toString(loopbackPort));
    p.setProperty(IConfig.WEB_SOCKET_PATH_PROPERTY_NAME, WS_PATH);
    p.setProperty(BrokerConstants.WEB_SOCKET_MAX_FRAME_SIZE_PROPERTY_NAME, Integer.toString(MAX_PACKET_BYTES));
    p.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, Boolean.toString(config.allowAnonymous()));
    p.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, Boolean.toString(config.persistence()));
    if (config.dataPath() != null) p.setProperty(IConfig.DATA_PATH_PROPERTY_NAME, config.dataPath().toString());
    p.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
    // Moquette's default frame limit is 8 KiB; let the gateway's own payload bound decide.
    p.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(MAX_MESSAGE_BYTES));
    // Moquette drops (never PUBACKs) an inbound publish when the command queue of its session loop
    // is full; the default 1024 overflows when the gateway publishes its discovery burst. One MQTT 3
    // client has at most 65,535 QoS 1/2 publishes in flight, so this holds one full window.
    p.setProperty(IConfig.SESSION_QUEUE_SIZE, Integer.toString(SESSION_QUEUE_SIZE));
    // MQTT 3.1.1 lets clients send an empty id with a clean session (mosquitto_pub does; so do some loggers).
    p.setProperty("allow_zero_byte_client_id", "true");
    Server s = new Server();
    BrokerAccess access = new BrokerAccess(config.users(), config.allowAnonymous());
    try {
      s.startServer(new MemoryConfig(p), List.of(), null, access, access);
    } catch (IOException e) {
      throw new UncheckedIOException("embedded MQTT broker failed to start on " + config.host() + ":" + chosen, e);
    }
    FramingBridge b = new FramingBridge(config.host(), chosen,
        URI.create("ws://" + LOOPBACK + ":" + loopbackPort + WS_PATH), MAX_PACKET_BYTES);
    try {
      b.start();
    } catch (RuntimeException e) {
      s.stopServer();
      throw e;
    }
    server = s;
    bridge = b;
    port = chosen;
    log.info("embedded MQTT broker listening on {}:{} ({})", config.host(), port, authSummary());
    return this;
  }

  private int choosePort() {
    if (config.port() != 0 && free(config.port())) return config.port();
    if (config.port() != 0 && !config.pickFreePortIfTaken()) {
      throw new IllegalStateException("mqtt.broker.port " + config.port() + " on " + config.host()
          + " is taken (another broker?); configure mqtt.brokerUrl to use it, or another port");
    }
    int p = anyFreePort(config.host());
    if (config.port() != 0) log.warn("mqtt.broker.port {} is taken; the embedded broker uses {} instead", config.port(), p);
    return p;
  }

  private boolean free(int p) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(config.host()), p));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int anyFreePort(String host) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + host, e);
    }
  }

  private static void requireH2() {
    try {
      Class.forName("org.h2.mvstore.MVStore");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("mqtt.broker.persistence needs the H2 MVStore on the class path"
          + " (com.h2database:h2); turn persistence off or add it");
    }
  }

  /** How clients authenticate, for the start-up line: e.g. {@code password, 3 users, ACL}. */
  public String authSummary() {
    int n = config.users().size();
    String users = n + (n == 1 ? " user" : " users") + ", ACL";
    return config.allowAnonymous() ? (n == 0 ? "no auth: anonymous allowed" : "anonymous allowed; " + users)
        : "password, " + users;
  }

  /** The address it listens on. */
  public String host() {
    return config.host();
  }

  /** The port it listens on; valid after {@link #start}. */
  public synchronized int port() {
    if (server == null) throw new IllegalStateException("embedded broker not started");
    return port;
  }

  /** A URL local clients use: {@code mqtt://127.0.0.1:port} (or the bound host). */
  public String url() {
    String h = "0.0.0.0".equals(config.host()) || "::".equals(config.host()) ? "127.0.0.1" : config.host();
    return "mqtt://" + h + ":" + port();
  }

  public synchronized boolean running() {
    return server != null;
  }

  /** Stops the broker; connected clients are dropped. Idempotent. */
  @Override
  public synchronized void close() {
    if (server == null) return;
    bridge.close();
    server.stopServer();
    server = null;
    bridge = null;
    log.info("embedded MQTT broker on port {} stopped", port);
  }
}
