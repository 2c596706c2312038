package io.gridwire.uplink.ws;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import io.gridwire.core.topic.TopicFilter;
import io.gridwire.uplink.outbox.OutboxBounds;
import io.gridwire.uplink.outbox.OutboxConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The {@code uplink} section: the cloud WebSocket uplink with a durable outbox (SPEC §4 Uplink).
 * Each component is one key; {@link #settings} adds what the wiring knows (the data directory) and
 * the link's fixed timings.
 */
public record UplinkConfig(
    @Doc("Forward readings to a cloud WebSocket broker.") boolean enabled,
    @Doc("Broker URL, ws:// or wss:// (no credentials in it).") String url,
    @Doc("Client id sent once at connect.") String clientId,
    @Doc("Client secret sent once at connect (env GRIDWIRE_UPLINK_CLIENT_SECRET); never inside messages or logs.") String clientSecret,
    @Doc("mqttTopicPrefix field of every message.") String mqttTopicPrefix,
    @Doc("Device ids to forward (globs; empty = all).") List<String> devices,
    @Doc("Metric names to forward (globs; empty = all).") List<String> metrics,
    @Doc("MQTT topic filters (+ one level, # the rest) whose messages are also forwarded raw, through the "
        + "outbox: topic as is, payload as text. Subscribed on the mqtt connection (needs mqtt.enabled); empty "
        + "= none.") List<String> mqttTopics,
    @Doc("Most messages kept in the outbox while the broker is unreachable; beyond it the oldest are dropped, counted and reported.") long outboxMaxMessages,
    @Doc("Most outbox bytes.") long outboxMaxBytes,
    @Doc("Oldest message kept in the outbox.") Duration outboxMaxAge,
    @Doc("After a reconnect, send live messages before the backlog (order holds within each; messages carry seq).") boolean liveFirst,
    @Doc("Backlog drain rate, messages per second.") int backlogRate) {

  /** The environment variable the secret is best given in. */
  public static final String SECRET_ENV = "GRIDWIRE_UPLINK_CLIENT_SECRET";

  public UplinkConfig {
    mqttTopicPrefix = Check.orDefault(mqttTopicPrefix, "gridwire");
    devices = Check.list(devices);
    metrics = Check.list(metrics);
    mqttTopics = Check.list(mqttTopics);
    for (int i = 0; i < mqttTopics.size(); i++) TopicFilter.check("uplink.mqtt_topics[" + i + "]", mqttTopics.get(i));
    if (enabled) {
      checkUrl(Check.nonBlank("uplink.url", url));
      Check.nonBlank("uplink.client_id", clientId);
      if (clientSecret == null || clientSecret.isBlank()) {
        throw new IllegalArgumentException("uplink.client_secret must not be empty (set " + SECRET_ENV + ")");
      }
    }
    Check.atLeast("uplink.outbox_max_messages", outboxMaxMessages, 1);
    Check.atLeast("uplink.outbox_max_bytes", outboxMaxBytes, 1024);
    Check.positive("uplink.outbox_max_age", outboxMaxAge);
    Check.range("uplink.backlog_rate", backlogRate, 1, 1_000_000);
  }

  private static void checkUrl(String url) {
    URI u;
    try {
      u = new URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("uplink.url is not a URL: " + e.getMessage());
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("ws") && !scheme.equals("wss")) throw new IllegalArgumentException("uplink.url must be ws:// or wss://: " + url);
    if (u.getUserInfo() != null) throw new IllegalArgumentException("uplink.url must not carry credentials");
  }

  /** Off; the outbox bounds of {@link OutboxBounds#DEFAULT}, the drain of {@link DeliveryConfig#DEFAULT}. */
  public static UplinkConfig defaults() {
    OutboxBounds b = OutboxBounds.DEFAULT;
    DeliveryConfig d = DeliveryConfig.DEFAULT;
    return new UplinkConfig(false, null, null, null, "gridwire", List.of(), List.of(), List.of(), b.maxMessages(),
        b.maxBytes(), b.maxAge(), d.liveFirst(), d.backlogRate());
  }

  /** The link named {@code cloud} these keys describe, its outbox file under {@code dataDir}. Call when enabled. */
  public UplinkSettings settings(Path dataDir) {
    OutboxConfig o = OutboxConfig.DEFAULT;
    DeliveryConfig d = DeliveryConfig.DEFAULT;
    return new UplinkSettings("cloud", URI.create(url), clientId, clientSecret, mqttTopicPrefix,
        new UplinkFilter(devices, metrics), mqttTopics,
        new OutboxConfig(dataDir, new OutboxBounds(outboxMaxMessages, outboxMaxBytes, outboxMaxAge), o.fsync(), o.busCapacity()),
        null, new DeliveryConfig(liveFirst, backlogRate, d.maxInFlight(), d.batchSize()), null);
  }

  @Override
  public String toString() {
    return "UplinkConfig[enabled=" + enabled + ", url=" + url + ", clientId=" + clientId + ", clientSecret="
        + (clientSecret == null ? "unset" : "***") + ", devices=" + devices + ", metrics=" + metrics + ", mqttTopics="
        + mqttTopics + "]";
  }
}
