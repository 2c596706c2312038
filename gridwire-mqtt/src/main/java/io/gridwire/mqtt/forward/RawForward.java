package io.gridwire.mqtt.forward;

import io.gridwire.core.topic.TopicFilter;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Raw MQTT messages to hand on untouched, as the Home Assistant uplink add-on forwarded them: every message on
 * one of {@code filters} reaches {@code listener} as (topic, payload bytes). The gateway
 * subscribes the filters on its one broker connection, with the ingest ones, after every connect.
 *
 * <p>The listener runs on the MQTT client's I/O thread, once per message, in arrival order: it
 * must return at once (queue, never wait on I/O). It must not modify the payload.
 *
 * @param filters topic filters ({@code +}, {@code #}); empty means no forwarding
 * @param listener receives topic and payload; required when there are filters
 */
public record RawForward(List<String> filters, BiConsumer<String, byte[]> listener) {
  private static final RawForward NONE = new RawForward(List.of(), null);

  public RawForward {
    filters = List.copyOf(Objects.requireNonNull(filters, "filters"));
    for (int i = 0; i < filters.size(); i++) TopicFilter.check("raw forward filter [" + i + "]", filters.get(i));
    if (!filters.isEmpty()) Objects.requireNonNull(listener, "listener");
  }

  /** No forwarding. */
  public static RawForward none() {
    return NONE;
  }

  public boolean enabled() {
    return !filters.isEmpty();
  }

  public boolean matches(String topic) {
    return TopicFilter.matchesAny(filters, topic);
  }
}
