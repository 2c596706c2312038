package io.gridwire.mqtt.broker;

import java.nio.file.Path;

/**
 * The embedded Moquette broker, started when no external broker is configured.
 *
 * @param host address to listen on. Default {@code 0.0.0.0}, so dataloggers on the site
 *     network can publish straight to the gateway
 * @param port TCP port; 0 picks a free one. Default 1883
 * @param pickFreePortIfTaken when {@code port} is taken, listen on a free port instead of
 *     failing (the demo does; {@link EmbeddedBroker#port()} tells which). Default false
 * @param allowAnonymous accept clients without credentials. Default true; set false with a
 *     {@code passwordFile} on untrusted networks
 * @param passwordFile Moquette password file ({@code user:sha256hex} per line), or null
 * @param persistence keep retained messages and sessions across restarts under {@code dataPath}
 *     (needs the H2 MVStore on the class path). Default false: in memory
 * @param dataPath directory for persistence, or null
 */
public record EmbeddedBrokerConfig(String host, int port, boolean pickFreePortIfTaken, boolean allowAnonymous,
    Path passwordFile, boolean persistence, Path dataPath) {

  public EmbeddedBrokerConfig {
    host = host == null || host.isBlank() ? "0.0.0.0" : host;
    if (port < 0 || port > 65_535) throw new IllegalArgumentException("mqtt.broker.port out of range: " + port);
    if (!allowAnonymous && passwordFile == null) {
      throw new IllegalArgumentException("mqtt.broker.passwordFile is required when mqtt.broker.allowAnonymous is false");
    }
    if (persistence && dataPath == null) {
      throw new IllegalArgumentException("mqtt.broker.dataPath is required when mqtt.broker.persistence is true");
    }
  }

  /** Defaults: 0.0.0.0:1883, anonymous, in memory, fail when the port is taken. */
  public static EmbeddedBrokerConfig defaults() {
    return new EmbeddedBrokerConfig("0.0.0.0", 1883, false, true, null, false, null);
  }

  /** Loopback only on the given port (0 = any free): for tests and the demo. */
  public static EmbeddedBrokerConfig loopback(int port) {
    return new EmbeddedBrokerConfig("127.0.0.1", port, true, true, null, false, null);
  }
}
