package io.gridwire.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One alarm notice as JSON: the body of a webhook POST, and how a notice waits in a durable
 * {@link DeliveryQueue} (e-mail digests), read back by {@link #read}.
 *
 * <pre>
 * {"id":"gen-1/shutdown_low_oil_pressure/alarm_raised/1767225600000", "type":"alarm_raised",
 *  "time":"2026-01-01T00:00:00Z", "device_id":"gen-1", "site":"north", "alarm_id":"...",
 *  "name":"Low oil pressure", "severity":"critical", "class":"shutdown", "message":"...",
 *  "values":{"oil_pressure":"0.8"}}
 * </pre>
 *
 * {@code id} is the same on every retry of one event, so a receiver can drop a duplicate (a POST
 * whose answer was lost is sent again).
 */
public final class NoticeJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private NoticeJson() {}

  public static String of(AlarmNotice n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", n.deviceId() + "/" + n.alarmId() + "/" + n.type() + "/" + n.time().toEpochMilli());
    m.put("type", n.type());
    m.put("time", n.time().toString());
    m.put("device_id", n.deviceId());
    m.put("site", n.site());
    m.put("alarm_id", n.alarmId());
    m.put("name", n.name());
    m.put("severity", n.severity().wireName());
    m.put("class", n.alarmClass());
    m.put("message", n.message());
    m.put("values", n.values());
    try {
      return MAPPER.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("alarm notice not serialisable: " + e.getMessage(), e);
    }
  }

  /** A notice written by {@link #of}; empty when {@code json} is not one (a damaged queue entry). */
  public static java.util.Optional<AlarmNotice> read(String json) {
    try {
      com.fasterxml.jackson.databind.JsonNode n = MAPPER.readTree(json);
      Map<String, String> values = new java.util.TreeMap<>();
      n.path("values").properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
      return java.util.Optional.of(new AlarmNotice("alarm_raised".equals(n.path("type").asText()),
          java.time.Instant.parse(n.path("time").asText()), n.path("device_id").asText(), n.path("alarm_id").asText(),
          n.path("name").asText(), io.gridwire.core.alarm.Severity.fromWire(n.path("severity").asText()),
          text(n, "class"), text(n, "site"), text(n, "message"), new LinkedHashMap<>(values)));
    } catch (JsonProcessingException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  private static String text(com.fasterxml.jackson.databind.JsonNode n, String field) {
    com.fasterxml.jackson.databind.JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
