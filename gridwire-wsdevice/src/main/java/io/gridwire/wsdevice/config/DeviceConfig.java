package io.gridwire.wsdevice.config;

import java.time.Duration;

/**
 * The settings of the device endpoint {@code WS /ws/devices} and its command API: the {@code
 * ws_devices} keys ({@link WsDevicesConfig#settings}) and the rest, which have no key (tests set
 * them). Messages name the key where there is one.
 *
 * @param authTimeout a connection that has not authenticated within this time is closed with 1008
 *     (default 10 s)
 * @param maxMessageBytes largest telemetry message accepted; a larger one is answered with an error
 *     message and counted, and one over 16× this size closes the socket with 1009 (default 64 KiB)
 * @param maxJsonDepth deepest JSON nesting accepted in a device message (default 8)
 * @param messagesPerSecond sustained telemetry rate per session before throttling (default 20/s)
 * @param burst messages a session may send at once above that rate (default 100)
 * @param sendTimeout how long a command may take to reach a device, also the bound of a request to
 *     another node (default 5 s)
 * @param addressFailuresPerMinute failed device logins per client address, across accounts, per
 *     minute before that address must wait (default 10)
 * @param accountFailuresPerMinute failed logins per account (email), from any address, per minute
 *     before each attempt on it is answered late (1 s doubling to 4 s; never refused) (default 5)
 * @param pingInterval server pings to every device session at this interval; a peer that stops
 *     answering is closed after the web server's WebSocket idle timeout (default 20 s)
 * @param injectCommandId whether {@code "command_id"} is added to a JSON object command sent to a
 *     device, so its reply can be linked (default true)
 */
public record DeviceConfig(
    Duration authTimeout,
    int maxMessageBytes,
    int maxJsonDepth,
    double messagesPerSecond,
    int burst,
    Duration sendTimeout,
    int addressFailuresPerMinute,
    int accountFailuresPerMinute,
    Duration pingInterval,
    boolean injectCommandId) {

  public DeviceConfig {
    positive("ws_devices.auth_timeout", authTimeout);
    positive("ws_devices send timeout", sendTimeout);
    positive("ws_devices.ping_interval", pingInterval);
    if (maxMessageBytes < 128 || maxMessageBytes > 16 * 1024 * 1024) {
      throw new IllegalArgumentException("ws_devices.max_message_bytes out of range 128..16777216: " + maxMessageBytes);
    }
    if (maxJsonDepth < 1 || maxJsonDepth > 64) {
      throw new IllegalArgumentException("ws_devices.max_json_depth out of range 1..64: " + maxJsonDepth);
    }
    if (!(messagesPerSecond > 0)) {
      throw new IllegalArgumentException("ws_devices.messages_per_second must be > 0: " + messagesPerSecond);
    }
    if (burst < 1) throw new IllegalArgumentException("ws_devices.burst must be ≥ 1: " + burst);
    if (addressFailuresPerMinute < 1) {
      throw new IllegalArgumentException("ws_devices address failures per minute must be ≥ 1: " + addressFailuresPerMinute);
    }
    if (accountFailuresPerMinute < 1) {
      throw new IllegalArgumentException("ws_devices account failures per minute must be ≥ 1: " + accountFailuresPerMinute);
    }
  }

  private static void positive(String key, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(key + " must be positive: " + d);
  }

  /** The defaults listed above. */
  public static DeviceConfig defaults() {
    return new DeviceConfig(Duration.ofSeconds(10), 64 * 1024, 8, 20, 100, Duration.ofSeconds(5), 10, 5,
        Duration.ofSeconds(20), true);
  }

  public DeviceConfig withAuthTimeout(Duration d) {
    return new DeviceConfig(d, maxMessageBytes, maxJsonDepth, messagesPerSecond, burst, sendTimeout,
        addressFailuresPerMinute, accountFailuresPerMinute, pingInterval, injectCommandId);
  }

  public DeviceConfig withRate(double perSecond, int burst) {
    return new DeviceConfig(authTimeout, maxMessageBytes, maxJsonDepth, perSecond, burst, sendTimeout,
        addressFailuresPerMinute, accountFailuresPerMinute, pingInterval, injectCommandId);
  }

  public DeviceConfig withPingInterval(Duration d) {
    return new DeviceConfig(authTimeout, maxMessageBytes, maxJsonDepth, messagesPerSecond, burst, sendTimeout,
        addressFailuresPerMinute, accountFailuresPerMinute, d, injectCommandId);
  }

  /** The size above which Jetty itself closes the socket (1009) instead of our error message. */
  public int hardMessageBytes() {
    return (int) Math.min(Integer.MAX_VALUE - 8, 16L * maxMessageBytes);
  }
}
