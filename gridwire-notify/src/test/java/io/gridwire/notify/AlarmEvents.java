package io.gridwire.notify;

import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Alarm events shaped as the AlarmSink contract describes them, for tests. */
public final class AlarmEvents {
  private AlarmEvents() {}

  public static Event raised(Instant t, String device, String alarmId, String severity, String site, String oilPressure) {
    return event(EventType.ALARM_RAISED, t, device, alarmId, severity, site, oilPressure);
  }

  public static Event cleared(Instant t, String device, String alarmId, String severity, String site) {
    return event(EventType.ALARM_CLEARED, t, device, alarmId, severity, site, null);
  }

  private static Event event(EventType type, Instant t, String device, String alarmId, String severity, String site,
      String oil) {
    Map<String, String> d = new HashMap<>();
    d.put("alarm_id", alarmId);
    d.put("name", "Alarm " + alarmId);
    d.put("severity", severity);
    d.put("class", "shutdown");
    if (site != null) d.put("site", site);
    if (oil != null) d.put("value.oil_pressure", oil);
    return new Event(t, device, type, type.wireName() + " " + alarmId, d);
  }
}
