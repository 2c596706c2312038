package io.gridwire.mqtt.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A broker address parsed from {@code mqtt://host:port} (also {@code tcp://}), or
 * {@code mqtts://host:port} (also {@code ssl://}) for TLS. The port defaults to 1883, or 8883
 * with TLS.
 *
 * @param host host name or address
 * @param port TCP port, 1–65535
 * @param tls whether the scheme asks for TLS
 */
public record BrokerUrl(String host, int port, boolean tls) {
  public BrokerUrl {
    if (host == null || host.isBlank()) throw new IllegalArgumentException("broker host is blank");
    if (port < 1 || port > 65_535) throw new IllegalArgumentException("broker port out of range: " + port);
  }

  /** Parses a URL; throws {@link IllegalArgumentException} naming {@code key} and the value. */
  public static BrokerUrl parse(String key, String url) {
    try {
      URI u = new URI(url.trim());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      boolean tls = switch (scheme) {
        case "mqtt", "tcp" -> false;
        case "mqtts", "ssl", "tls" -> true;
        default -> throw new IllegalArgumentException(
            key + " must start with mqtt://, tcp://, mqtts:// or ssl://: '" + url + "'");
      };
      if (u.getHost() == null) throw new IllegalArgumentException(key + " has no host: '" + url + "'");
      int port = u.getPort() == -1 ? (tls ? 8883 : 1883) : u.getPort();
      return new BrokerUrl(u.getHost(), port, tls);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(key + " is not a URL: '" + url + "'", e);
    }
  }

  @Override
  public String toString() {
    return (tls ? "mqtts://" : "mqtt://") + host + ":" + port;
  }
}
