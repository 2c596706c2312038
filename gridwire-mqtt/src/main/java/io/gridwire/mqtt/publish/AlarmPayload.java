package io.gridwire.mqtt.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.core.alarm.ActiveAlarm;
import io.gridwire.core.alarm.AlarmRoutes;
import io.gridwire.core.alarm.Severity;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The retained payload of {@code {state}/{device}/alarms}:
 *
 * <pre>
 * {"count":1,"critical":1,"names":["Low oil pressure"],
 *  "alarms":[{"id":"gen-1:shutdown_low_oil_pressure","name":"Low oil pressure","severity":"critical",...}]}
 * </pre>
 *
 * Each entry of {@code alarms} has the fields of {@code GET /api/alarms}. Pure.
 */
final class AlarmPayload {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlarmPayload() {}

  static byte[] encode(List<ActiveAlarm> active) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", active.size());
    m.put("critical", active.stream().filter(a -> a.severity() == Severity.CRITICAL).count());
    m.put("names", active.stream().map(ActiveAlarm::name).toList());
    m.put("alarms", active.stream().map(AlarmRoutes::json).toList());
    try {
      return JSON.writeValueAsBytes(m);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
