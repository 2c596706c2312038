package io.gridwire.core.alarm;

import java.util.List;
import java.util.Objects;

/**
 * A metric that is an alarm: a boolean (an alarm bit) or a number (active when non-zero), as a
 * profile declares it.
 *
 * @param metric the metric carrying the alarm state, e.g. {@code shutdown_low_oil_pressure}
 * @param alarmId stable snake_case id, unique per device (the metric name for profile bits)
 * @param name readable name ("Low oil pressure")
 * @param severity what the operator must do
 * @param alarmClass the controller's alarm group ("shutdown", "warning"), or null
 * @param values metrics whose values at raise/clear time matter (e.g. {@code oil_pressure}),
 *     unmodifiable, never null
 */
public record AlarmDefinition(String metric, String alarmId, String name, Severity severity, String alarmClass,
    List<String> values) {
  public AlarmDefinition {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(alarmId, "alarmId");
    Objects.requireNonNull(severity, "severity");
    if (name == null || name.isBlank()) name = alarmId;
    values = values == null ? List.of() : List.copyOf(values);
  }
}
