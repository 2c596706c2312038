package io.gridwire.uplink.ws;

import io.gridwire.uplink.outbox.OutboxConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the cloud uplink runs with (SPEC §4 Uplink): the user's {@link UplinkConfig} keys
 * ({@link UplinkConfig#settings}) plus the link's name, timings and outbox location.
 *
 * @param name link name, {@code [a-z0-9_-]+}, names the outbox file; default {@code cloud}
 * @param url broker URL, {@code ws://} or {@code wss://}; required
 * @param clientId client id sent once in the auth message; required
 * @param clientSecret client secret sent once in the auth message, never logged nor put in a
 *     data message; when null or blank, taken from the environment variable
 *     {@code GRIDWIRE_UPLINK_CLIENT_SECRET}; required
 * @param mqttTopicPrefix {@code mqttTopicPrefix} of every message and the first level of reading
 *     topics ({@code <prefix>/<device>/state}); default {@code gridwire}
 * @param filter which readings are forwarded; default all
 * @param mqttTopics MQTT topic filters whose raw messages {@link Uplink#forwardMqtt} forwards;
 *     default none
 * @param outbox outbox location and bounds
 * @param timing ping, timeouts, reconnect back-off
 * @param delivery drain order, throttle, in-flight window
 * @param dropEventInterval at most one {@code data_dropped} event per this period; default 1 min
 */
public record UplinkSettings(String name, URI url, String clientId, String clientSecret, String mqttTopicPrefix,
    UplinkFilter filter, List<String> mqttTopics, OutboxConfig outbox, UplinkTiming timing,
    DeliveryConfig delivery, Duration dropEventInterval) {

  public static final String SECRET_ENV = "GRIDWIRE_UPLINK_CLIENT_SECRET";

  public UplinkSettings {
    name = name == null ? "cloud" : name;
    if (!name.matches("[a-z0-9_-]+")) throw new IllegalArgumentException("uplink.name must match [a-z0-9_-]+: " + name);
    Objects.requireNonNull(url, "uplink.url is required");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("ws") && !scheme.equals("wss")) {
      throw new IllegalArgumentException("uplink.url must be ws:// or wss://: " + url);
    }
    if (url.getUserInfo() != null) throw new IllegalArgumentException("uplink.url must not carry credentials");
    if (clientId == null || clientId.isBlank()) throw new IllegalArgumentException("uplink.clientId is required");
    if (clientSecret == null || clientSecret.isBlank()) clientSecret = System.getenv(SECRET_ENV);
    if (clientSecret == null || clientSecret.isBlank()) {
      throw new IllegalArgumentException("uplink.clientSecret is required (or set " + SECRET_ENV + ")");
    }
    mqttTopicPrefix = mqttTopicPrefix == null ? "gridwire" : mqttTopicPrefix;
    filter = filter == null ? UplinkFilter.ALL : filter;
    mqttTopics = mqttTopics == null ? List.of() : List.copyOf(mqttTopics);
    outbox = outbox == null ? OutboxConfig.DEFAULT : outbox;
    timing = timing == null ? UplinkTiming.DEFAULT : timing;
    delivery = delivery == null ? DeliveryConfig.DEFAULT : delivery;
    dropEventInterval = dropEventInterval == null ? Duration.ofMinutes(1) : dropEventInterval;
  }

  /** Defaults for everything but the broker and the credentials. */
  public static UplinkSettings of(URI url, String clientId, String clientSecret) {
    return new UplinkSettings(null, url, clientId, clientSecret, null, null, null, null, null, null, null);
  }

  public UplinkSettings withOutbox(OutboxConfig o) {
    return new UplinkSettings(name, url, clientId, clientSecret, mqttTopicPrefix, filter, mqttTopics, o, timing,
        delivery, dropEventInterval);
  }

  public UplinkSettings withTiming(UplinkTiming t) {
    return new UplinkSettings(name, url, clientId, clientSecret, mqttTopicPrefix, filter, mqttTopics, outbox, t,
        delivery, dropEventInterval);
  }

  public UplinkSettings withDelivery(DeliveryConfig d) {
    return new UplinkSettings(name, url, clientId, clientSecret, mqttTopicPrefix, filter, mqttTopics, outbox, timing,
        d, dropEventInterval);
  }

  public UplinkSettings withFilter(UplinkFilter f, List<String> topics) {
    return new UplinkSettings(name, url, clientId, clientSecret, mqttTopicPrefix, f, topics, outbox, timing,
        delivery, dropEventInterval);
  }

  /** Never prints the secret. */
  @Override
  public String toString() {
    return "UplinkSettings[name=" + name + ", url=" + url + ", clientId=" + clientId + ", clientSecret=***, prefix="
        + mqttTopicPrefix + ", filter=" + filter + ", mqttTopics=" + mqttTopics + ", outbox=" + outbox
        + ", timing=" + timing + ", delivery=" + delivery + "]";
  }
}
