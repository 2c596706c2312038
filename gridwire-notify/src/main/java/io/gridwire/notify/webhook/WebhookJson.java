package io.gridwire.notify.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.notify.AlarmNotice;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON body of a webhook POST: one alarm event.
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
public final class WebhookJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private WebhookJson() {}

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
}
