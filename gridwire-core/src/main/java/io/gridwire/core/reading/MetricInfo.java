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
 * @param section where the metric is shown on a device page ("electrical", "engine", "status",
 *     "alarms", "counters"), or null when its source does not say
 * @param primary a key value of its device: shown on the overview and on top of the device page
 *     (and, unless {@code hint} says otherwise, a Home Assistant entity enabled by default)
 * @param hint how Home Assistant presents it (primary or diagnostic, enum options); never null
 */
public record MetricInfo(String name, String label, String unit, String deviceClass, String stateClass, Deadband deadband,
    String section, boolean primary, EntityHint hint) {
  public MetricInfo {
    Objects.requireNonNull(name, "name");
    if (label == null || label.isBlank()) label = name;
    if (section != null && section.isBlank()) section = null;
    if (hint == null) hint = EntityHint.NONE;
  }

  /** A metric in a section, without a Home Assistant hint. */
  public MetricInfo(String name, String label, String unit, String deviceClass, String stateClass, Deadband deadband,
      String section, boolean primary) {
    this(name, label, unit, deviceClass, stateClass, deadband, section, primary, EntityHint.NONE);
  }

  /** A metric with a Home Assistant hint, in no section and not primary. */
  public MetricInfo(String name, String label, String unit, String deviceClass, String stateClass, Deadband deadband,
      EntityHint hint) {
    this(name, label, unit, deviceClass, stateClass, deadband, null, false, hint);
  }

  /** A metric with a deadband, in no section and not primary. */
  public MetricInfo(String name, String label, String unit, String deviceClass, String stateClass, Deadband deadband) {
    this(name, label, unit, deviceClass, stateClass, deadband, null, false);
  }

  /** A metric reported on any change. */
  public MetricInfo(String name, String label, String unit, String deviceClass, String stateClass) {
    this(name, label, unit, deviceClass, stateClass, null);
  }

  /** This metric placed in a device-page section, and marked primary or not. */
  public MetricInfo placed(String newSection, boolean isPrimary) {
    return new MetricInfo(name, label, unit, deviceClass, stateClass, deadband, newSection, isPrimary, hint);
  }

  public MetricInfo withHint(EntityHint h) {
    return new MetricInfo(name, label, unit, deviceClass, stateClass, deadband, section, primary, h);
  }

  public static MetricInfo of(String name, String label, String unit) {
    return new MetricInfo(name, label, unit, null, unit == null ? null : "measurement");
  }
}
