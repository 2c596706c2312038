package io.gridwire.notify;

import io.gridwire.core.alarm.Severity;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An {@code alarm_raised} or {@code alarm_cleared} event as notifications see it, read from the
 * event data keys the {@code AlarmSink} contract fixes.
 *
 * @param raised true for raised, false for cleared
 * @param time when it happened
 * @param deviceId the device
 * @param alarmId the alarm id
 * @param name readable alarm name
 * @param severity severity
 * @param alarmClass class, or null
 * @param site site code, or null
 * @param message the event's sentence
 * @param values metric → value at that moment, sorted by metric
 */
public record AlarmNotice(boolean raised, Instant time, String deviceId, String alarmId, String name,
    Severity severity, String alarmClass, String site, String message, Map<String, String> values) {

  /** The notice in an alarm event; empty for any other event or one without alarm id or severity. */
  public static Optional<AlarmNotice> from(Event e) {
    if (e.type() != EventType.ALARM_RAISED && e.type() != EventType.ALARM_CLEARED) return Optional.empty();
    Map<String, String> d = e.data();
    String alarmId = d.get("alarm_id");
    if (alarmId == null || d.get("severity") == null) return Optional.empty();
    Severity severity;
    try {
      severity = Severity.fromWire(d.get("severity"));
    } catch (IllegalArgumentException ex) {
      return Optional.empty();
    }
    Map<String, String> values = new TreeMap<>();
    d.forEach((k, v) -> {
      if (k.startsWith("value.")) values.put(k.substring(6), v);
    });
    return Optional.of(new AlarmNotice(e.type() == EventType.ALARM_RAISED, e.time(),
        e.deviceId() == null ? "" : e.deviceId(), alarmId, d.getOrDefault("name", alarmId), severity,
        d.get("class"), d.get("site"), e.message(), new LinkedHashMap<>(values)));
  }

  /** {@code alarm_raised} or {@code alarm_cleared}. */
  public String type() {
    return raised ? "alarm_raised" : "alarm_cleared";
  }
}
