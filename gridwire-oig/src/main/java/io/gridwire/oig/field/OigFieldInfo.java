package io.gridwire.oig.field;

import io.gridwire.core.reading.EntityHint;
import io.gridwire.core.reading.MetricInfo;

/**
 * What Gridwire knows about one OIG field.
 *
 * @param table OIG table, e.g. {@code tbl_actual}
 * @param field element name as the Box sends it, e.g. {@code ACI_WR}
 * @param label English label, with the sign convention where one applies
 * @param unit unit symbol, or null
 * @param deviceClass Home Assistant device class, or null
 * @param stateClass Home Assistant state class, or null
 * @param hint Home Assistant visibility and enum options
 */
public record OigFieldInfo(String table, String field, String label, String unit, String deviceClass, String stateClass,
    EntityHint hint) {

  /** The metric metadata under {@code metric} (the name may carry a bank suffix). */
  public MetricInfo toMetricInfo(String metric) {
    return new MetricInfo(metric, label, unit, deviceClass, stateClass, null, hint);
  }
}
