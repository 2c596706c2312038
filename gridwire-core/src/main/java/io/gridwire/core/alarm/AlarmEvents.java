package io.gridwire.core.alarm;

import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the {@code alarm_raised} / {@code alarm_cleared} events with the keys {@link AlarmSink} documents. */
final class AlarmEvents {
  private AlarmEvents() {}

  static Event raised(ActiveAlarm a) {
    return new Event(a.raisedAt(), a.deviceId(), EventType.ALARM_RAISED,
        a.deviceId() + ": " + a.name() + " (" + a.severity().wireName() + ") raised", data(a, a.values()));
  }

  static Event cleared(ActiveAlarm a, Instant at, Map<String, Object> values) {
    Map<String, String> data = data(a, values);
    data.put("flaps", Integer.toString(a.flaps()));
    return new Event(at, a.deviceId(), EventType.ALARM_CLEARED, a.deviceId() + ": " + a.name() + " cleared", data);
  }

  private static Map<String, String> data(ActiveAlarm a, Map<String, Object> values) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("alarm_id", a.alarmId());
    d.put("name", a.name());
    d.put("severity", a.severity().wireName());
    if (a.alarmClass() != null) d.put("class", a.alarmClass());
    if (a.site() != null && !a.site().isEmpty()) d.put("site", a.site());
    d.put("raised_at", a.raisedAt().toString());
    for (Map.Entry<String, Object> v : values.entrySet()) d.put("value." + v.getKey(), String.valueOf(v.getValue()));
    return d;
  }
}
