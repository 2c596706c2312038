package io.gridwire.mqtt;

import io.gridwire.core.retry.Backoff;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Configuration of the MQTT connector (SPEC §3.3, §4). Immutable; validated on construction with
 * the key path in the message. Build one with {@link #builder()}; every key has a default.
 *
 * @param brokerUrl {@code mqtt://host:port}, {@code tcp://}, {@code mqtts://} or {@code ssl://};
 *     null means "no external broker": the app starts an {@link io.gridwire.mqtt.broker.EmbeddedBroker}
 *     and passes its URL. Default null
 * @param username broker user name, or null for anonymous; from config or environment, never built in
 * @param password broker password, or null
 * @param tls use TLS with the JVM's default trust store (also implied by {@code mqtts://}). Default false
 * @param clientId MQTT client id; stable, because the broker keeps the persistent session under it.
 *     Default {@code gridwire}
 * @param sites site codes to ingest ({@code {site}/datalogger/...}); empty means every site ({@code +}).
 *     Default empty
 * @param ingest whether to subscribe to datalogger/gateway topics. Default true
 * @param publish whether to publish states, availability and Home Assistant discovery. Default true
 * @param statePrefix first level of published topics: {@code {statePrefix}/{device}/state},
 *     {@code {statePrefix}/{device}/availability}, {@code {statePrefix}/status}. Default {@code gridwire}
 * @param discoveryPrefix Home Assistant discovery prefix. Default {@code homeassistant}
 * @param heartbeatTimeout silence after which a device is marked offline. Default 30 s
 * @param sweepInterval how often presence is checked. Default 15 s
 * @param maxPayloadBytes larger payloads are rejected before parsing. Default 65,536 bytes
 * @param maxJsonDepth deeper JSON is rejected. Default 16 levels
 * @param subscribeQos QoS of the ingest subscriptions (0–2). Default 1, so the broker keeps messages
 *     for the persistent session while the gateway restarts
 * @param keepAlive MQTT keep-alive. Default 30 s
 * @param reconnectInitialDelay first reconnect delay; doubles per attempt with jitter. Default 1 s
 * @param reconnectMaxDelay cap of the reconnect delay. Default {@link Backoff#PEER_CAP} (10 s)
 * @param expireAfter Home Assistant {@code expire_after}: state becomes unavailable after this
 *     silence; zero disables. Default 5 min
 * @param retainState publish states retained, so a consumer sees values at once. Default true
 * @param haControls subscribe to {@code {statePrefix}/+/command/+} and turn messages into ledger commands
 *     (Home Assistant controls; needs {@code publish}). Default false: commands over MQTT are only as
 *     safe as the broker's ACLs
 * @param maxInFlight outgoing publishes awaiting acknowledgement before the publisher waits.
 *     Default 1,024
 */
public record MqttSettings(
    String brokerUrl,
    String username,
    String password,
    boolean tls,
    String clientId,
    List<String> sites,
    boolean ingest,
    boolean publish,
    String statePrefix,
    String discoveryPrefix,
    Duration heartbeatTimeout,
    Duration sweepInterval,
    int maxPayloadBytes,
    int maxJsonDepth,
    int subscribeQos,
    Duration keepAlive,
    Duration reconnectInitialDelay,
    Duration reconnectMaxDelay,
    Duration expireAfter,
    boolean retainState,
    int maxInFlight,
    boolean haControls) {

  private static final Pattern TOPIC_LEVEL = Pattern.compile("[^/+#\\u0000]+");
  private static final Pattern TOPIC_PREFIX = Pattern.compile("[^+#\\u0000]+");

  public MqttSettings {
    clientId = clientId == null || clientId.isBlank() ? "gridwire" : clientId;
    sites = sites == null ? List.of() : List.copyOf(sites);
    for (int i = 0; i < sites.size(); i++) {
      if (!TOPIC_LEVEL.matcher(sites.get(i)).matches()) {
        throw new IllegalArgumentException("mqtt.sites[" + i + "] is not a single topic level: '" + sites.get(i) + "'");
      }
    }
    statePrefix = prefix("mqtt.statePrefix", statePrefix, "gridwire");
    discoveryPrefix = prefix("mqtt.discoveryPrefix", discoveryPrefix, "homeassistant");
    heartbeatTimeout = positive("mqtt.heartbeatTimeout", heartbeatTimeout, Duration.ofSeconds(30));
    sweepInterval = positive("mqtt.sweepInterval", sweepInterval, Duration.ofSeconds(15));
    keepAlive = positive("mqtt.keepAlive", keepAlive, Duration.ofSeconds(30));
    reconnectInitialDelay = positive("mqtt.reconnectInitialDelay", reconnectInitialDelay, Duration.ofSeconds(1));
    reconnectMaxDelay = positive("mqtt.reconnectMaxDelay", reconnectMaxDelay, Backoff.PEER_CAP);
    if (reconnectMaxDelay.compareTo(reconnectInitialDelay) < 0) {
      throw new IllegalArgumentException("mqtt.reconnectMaxDelay " + reconnectMaxDelay
          + " is shorter than mqtt.reconnectInitialDelay " + reconnectInitialDelay);
    }
    expireAfter = expireAfter == null ? Duration.ofMinutes(5) : expireAfter;
    if (expireAfter.isNegative()) throw new IllegalArgumentException("mqtt.expireAfter is negative: " + expireAfter);
    range("mqtt.maxPayloadBytes", maxPayloadBytes, 64, 256 * 1024 * 1024);
    range("mqtt.maxJsonDepth", maxJsonDepth, 1, 1000);
    range("mqtt.subscribeQos", subscribeQos, 0, 2);
    range("mqtt.maxInFlight", maxInFlight, 1, 65_535);
    if (keepAlive.toSeconds() > 65_535) throw new IllegalArgumentException("mqtt.keepAlive too long: " + keepAlive);
    if (password != null && username == null) {
      throw new IllegalArgumentException("mqtt.password is set but mqtt.username is not");
    }
  }

  /** True when no external broker is configured and the app must start the embedded one. */
  public boolean embedded() {
    return brokerUrl == null || brokerUrl.isBlank();
  }

  /** The same configuration pointing at another broker (e.g. the embedded one's URL). */
  public MqttSettings withBrokerUrl(String url) {
    return toBuilder().brokerUrl(url).build();
  }

  public static MqttSettings defaults() {
    return builder().build();
  }

  public static MqttSettingsBuilder builder() {
    return new MqttSettingsBuilder();
  }

  public MqttSettingsBuilder toBuilder() {
    return new MqttSettingsBuilder(this);
  }

  private static String prefix(String key, String value, String fallback) {
    if (value == null || value.isBlank()) return fallback;
    if (!TOPIC_PREFIX.matcher(value).matches() || value.startsWith("/") || value.endsWith("/")) {
      throw new IllegalArgumentException(key + " must be a topic prefix without wildcards or outer '/': '" + value + "'");
    }
    return value;
  }

  private static Duration positive(String key, Duration d, Duration fallback) {
    if (d == null) return fallback;
    if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(key + " must be positive: " + d);
    return d;
  }

  private static void range(String key, int v, int min, int max) {
    if (v < min || v > max) throw new IllegalArgumentException(key + " out of range [" + min + ", " + max + "]: " + v);
  }
}
