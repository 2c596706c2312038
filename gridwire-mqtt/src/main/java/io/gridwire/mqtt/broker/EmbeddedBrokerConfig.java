package io.gridwire.mqtt.broker;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The embedded Moquette broker, started when no external broker is configured.
 *
 * @param host address to listen on. Default {@code 127.0.0.1}: set the site-network address (or
 *     {@code 0.0.0.0}) when dataloggers publish here
 * @param port TCP port; 0 picks a free one. Default 1883
 * @param pickFreePortIfTaken when {@code port} is taken, listen on a free port instead of
 *     failing (the demo does; {@link EmbeddedBroker#port()} tells which). Default false
 * @param allowAnonymous accept clients without a user name (they may then use every topic).
 *     Default false
 * @param users accounts and their topic permissions; at least one unless {@code allowAnonymous}
 * @param persistence keep retained messages and sessions across restarts under {@code dataPath}
 *     (needs the H2 MVStore on the class path). Default false: in memory
 * @param dataPath directory for persistence, or null
 */
public record EmbeddedBrokerConfig(String host, int port, boolean pickFreePortIfTaken, boolean allowAnonymous,
    List<BrokerUser> users, boolean persistence, Path dataPath) {

  public EmbeddedBrokerConfig {
    host = host == null || host.isBlank() ? "127.0.0.1" : host;
    users = users == null ? List.of() : List.copyOf(users);
    if (port < 0 || port > 65_535) throw new IllegalArgumentException("mqtt.embedded_port out of range: " + port);
    if (!allowAnonymous && users.isEmpty()) {
      throw new IllegalArgumentException("mqtt.embedded_users: the embedded broker needs a user unless"
          + " mqtt.embedded_allow_anonymous is true");
    }
    Set<String> names = new HashSet<>();
    for (BrokerUser u : users) {
      if (!names.add(u.name())) throw new IllegalArgumentException("mqtt.embedded_users: user " + u.name() + " twice");
    }
    if (persistence && dataPath == null) {
      throw new IllegalArgumentException("mqtt.broker.dataPath is required when mqtt.broker.persistence is true");
    }
  }

  /** Loopback only on the given port (0 = any free), anonymous clients allowed: for tests. */
  public static EmbeddedBrokerConfig loopback(int port) {
    return new EmbeddedBrokerConfig("127.0.0.1", port, true, true, List.of(), false, null);
  }

  /** Loopback only on a free port, with these users and no anonymous access. */
  public static EmbeddedBrokerConfig loopbackWithUsers(List<BrokerUser> users) {
    return new EmbeddedBrokerConfig("127.0.0.1", 0, true, false, users, false, null);
  }
}
