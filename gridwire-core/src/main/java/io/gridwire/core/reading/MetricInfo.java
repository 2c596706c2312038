package io.gridwire.core.reading;

import java.util.Objects;

/**
 * What a metric means, for units on the dashboard and Home Assistant discovery.
 *
 * @param name snake_case metric name
 * @param label human name, e.g. "Coolant temperature"
 * @param unit unit symbol ("V", "°C", "kWh"), or null for unitless/enums
 * @param deviceClass Home Assistant device class ("voltage", "temperature"), or null
 * @param stateClass Home Assistant state class ("measurement", "total_increasing"), or null
 * @param deadband how far the value must move before it is reported again (report by
 *     exception), or null for any change
 */
public record MetricInfo(String name, String label, String unit, String deviceClass, String stateClass, Deadband deadband) {
  public MetricInfo {
    Objects.requireNonNull(name, "name");
    if (label == null || label.isBlank()) label = name;
  }

  /** A metric reported on any change. */
  public MetricInfo(String name, String label, String unit, String deviceClass, String stateClass) {
    this(name, label, unit, deviceClass, stateClass, null);
  }

  public static MetricInfo of(String name, String label, String unit) {
    return new MetricInfo(name, label, unit, null, unit == null ? null : "measurement");
  }
}
