package io.gridwire.core.alarm;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One observation of an alarm condition, as a producer (a profile's alarm bit, a rule) sees it.
 *
 * <p>Producers report what they observe; the {@link AlarmSink} turns changes into raised/cleared
 * events, debounces flapping and keeps the active list. Reporting the same state again is cheap and
 * changes nothing.
 *
 * @param deviceId the device the alarm belongs to
 * @param alarmId stable snake_case id, unique per device (e.g. {@code shutdown_low_oil_pressure},
 *     {@code rule_fuel_low})
 * @param name readable name for operators ("Low oil pressure")
 * @param severity what the operator must do
 * @param alarmClass the controller's group or producer kind ("shutdown", "warning", "rule"), or
 *     null
 * @param active true when the condition holds now
 * @param time when it was observed (the reading's timestamp)
 * @param values the values that matter at that moment (e.g. {@code oil_pressure}), plain JSON
 *     types (Double, Boolean, String, null), unmodifiable
 */
public record AlarmSignal(
    String deviceId,
    String alarmId,
    String name,
    Severity severity,
    String alarmClass,
    boolean active,
    Instant time,
    Map<String, Object> values) {
  public AlarmSignal {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(alarmId, "alarmId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(time, "time");
    if (name == null || name.isBlank()) name = alarmId;
    values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
  }
}
