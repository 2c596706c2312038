package io.gridwire.core.alarm;

import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Alarms that MQTT and WebSocket devices send in their own payloads (docs/alarms.md). Both
 * connectors flatten nested JSON with {@code _}, so an {@code alarms} object arrives as metrics:
 *
 * <pre>
 * "alarms": {"door_open": true}                                   → alarms_door_open = true
 * "alarms": {"low_fuel": {"active": true, "severity": "critical",  → alarms_low_fuel_active = true,
 *                         "name": "Low fuel"}}                        alarms_low_fuel_severity, alarms_low_fuel_name
 * </pre>
 *
 * The short form is a warning named after its id; the long form sets severity
 * ({@code critical|warning|info}) and name. Ids are snake_case and do not end in {@code _active}.
 * Pure.
 */
final class PayloadAlarms {
  static final String PREFIX = "alarms_";
  private static final String ACTIVE = "_active";

  private PayloadAlarms() {}

  /** Reports the payload alarms of one reading to {@code sink}; allocates nothing for a reading without any. */
  static void report(Reading r, AlarmSink sink) {
    boolean any = false;
    for (String key : r.values().keySet()) {
      if (key.startsWith(PREFIX)) {
        any = true;
        break;
      }
    }
    if (!any) return;
    for (AlarmSignal s : of(r)) sink.report(s);
  }

  /** The payload alarms of one reading, as signals. */
  static List<AlarmSignal> of(Reading r) {
    List<AlarmSignal> out = new ArrayList<>();
    for (Map.Entry<String, Value> e : r.values().entrySet()) {
      String key = e.getKey();
      if (!key.startsWith(PREFIX) || !(e.getValue() instanceof Value.Bool b)) continue;
      String id = key.substring(PREFIX.length());
      Severity severity = Severity.WARNING;
      String name = null;
      if (id.endsWith(ACTIVE)) {
        id = id.substring(0, id.length() - ACTIVE.length());
        severity = severity(r.values().get(PREFIX + id + "_severity"));
        name = r.values().get(PREFIX + id + "_name") instanceof Value.Text t ? t.value() : null;
      }
      if (id.isEmpty()) continue;
      out.add(new AlarmSignal(r.deviceId(), id, name == null ? humanise(id) : name, severity, "device", b.value(),
          r.timestamp(), Map.of()));
    }
    return out;
  }

  private static Severity severity(Value v) {
    if (!(v instanceof Value.Text t)) return Severity.WARNING;
    try {
      return Severity.fromWire(t.value());
    } catch (IllegalArgumentException e) {
      return Severity.WARNING;
    }
  }

  private static String humanise(String id) {
    String s = id.replace('_', ' ').trim();
    return s.isEmpty() ? id : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}
