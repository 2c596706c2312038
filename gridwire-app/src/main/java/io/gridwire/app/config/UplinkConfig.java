package io.gridwire.app.config;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import io.gridwire.core.topic.TopicFilter;
import java.time.Duration;
import java.util.List;

/** Cloud WebSocket uplink with a durable outbox (SPEC §4 Uplink). */
public record UplinkConfig(
    @Doc("Forward readings to a cloud WebSocket broker.") boolean enabled,
    @Doc("Broker URL, ws:// or wss:// (no credentials in it).") String url,
    @Doc("Client id sent once at connect.") String clientId,
    @Doc("Client secret sent once at connect (env GRIDWIRE_UPLINK_CLIENT_SECRET); never inside messages or logs.") String clientSecret,
    @Doc("mqttTopicPrefix field of every message.") String mqttTopicPrefix,
    @Doc("Device ids to forward (globs; empty = all).") List<String> devices,
    @Doc("Metric names to forward (globs; empty = all).") List<String> metrics,
    @Doc("MQTT topic filters (+ one level, # the rest) whose messages are also forwarded raw, through the outbox: topic as is, payload as text. Subscribed on the mqtt connection (needs mqtt.enabled); empty = none.") List<String> mqttTopics,
    @Doc("Most messages kept in the outbox while the broker is unreachable; beyond it the oldest are dropped, counted and reported.") long outboxMaxMessages,
    @Doc("Most outbox bytes.") long outboxMaxBytes,
    @Doc("Oldest message kept in the outbox.") Duration outboxMaxAge,
    @Doc("After a reconnect, send live messages before the backlog (order holds within each; messages carry seq).") boolean liveFirst,
    @Doc("Backlog drain rate, messages per second.") int backlogRate) {
  public UplinkConfig {
    devices = devices == null ? List.of() : List.copyOf(devices);
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    mqttTopics = mqttTopics == null ? List.of() : List.copyOf(mqttTopics);
    for (int i = 0; i < mqttTopics.size(); i++) TopicFilter.check("uplink.mqtt_topics[" + i + "]", mqttTopics.get(i));
    if (enabled) {
      Check.nonBlank("uplink.url", url);
      Check.nonBlank("uplink.client_id", clientId);
    }
    if (outboxMaxMessages < 1) throw new IllegalArgumentException("uplink.outbox_max_messages must be ≥ 1: " + outboxMaxMessages);
    if (outboxMaxBytes < 1024) throw new IllegalArgumentException("uplink.outbox_max_bytes must be ≥ 1024: " + outboxMaxBytes);
    Check.positive("uplink.outbox_max_age", outboxMaxAge);
    Check.range("uplink.backlog_rate", backlogRate, 1, 1_000_000);
  }

  public static UplinkConfig defaults() {
    return new UplinkConfig(false, null, null, null, "gridwire", List.of(), List.of(), List.of(), 1_000_000, 512L << 20,
        Duration.ofDays(7), true, 1_000);
  }

  @Override
  public String toString() {
    return "UplinkConfig[enabled=" + enabled + ", url=" + url + ", clientId=" + clientId + ", clientSecret="
        + (clientSecret == null ? "unset" : "***") + ", devices=" + devices + ", metrics=" + metrics + ", mqttTopics="
        + mqttTopics + "]";
  }
}
