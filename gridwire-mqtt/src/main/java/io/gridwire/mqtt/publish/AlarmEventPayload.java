package io.gridwire.mqtt.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The payload of {@code {state}/{device}/alarm_event}, read by the device's Home Assistant
 * {@code event} entity (HA takes {@code event_type}; the other fields become event attributes):
 *
 * <pre>
 * {"event_type":"raised","alarm":"shutdown_low_oil_pressure","name":"Low oil pressure",
 *  "severity":"critical","class":"shutdown","time":"2026-01-01T00:00:00Z","values":{"oil_pressure":"60.0"}}
 * </pre>
 *
 * Pure.
 */
final class AlarmEventPayload {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlarmEventPayload() {}

  /** The payload of an {@code alarm_raised} / {@code alarm_cleared} event with device and alarm id; empty otherwise. */
  static Optional<byte[]> encode(Event e) {
    if (e.type() != EventType.ALARM_RAISED && e.type() != EventType.ALARM_CLEARED) return Optional.empty();
    Map<String, String> d = e.data();
    String alarm = d.get("alarm_id");
    if (alarm == null || e.deviceId() == null) return Optional.empty();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("event_type", e.type() == EventType.ALARM_RAISED ? "raised" : "cleared");
    m.put("alarm", alarm);
    m.put("name", d.getOrDefault("name", alarm));
    m.put("severity", d.get("severity"));
    m.put("class", d.get("class"));
    m.put("time", e.time().toString());
    Map<String, String> values = new TreeMap<>();
    d.forEach((k, v) -> {
      if (k.startsWith("value.")) values.put(k.substring(6), v);
    });
    m.put("values", values);
    try {
      return Optional.of(JSON.writeValueAsBytes(m));
    } catch (JsonProcessingException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
