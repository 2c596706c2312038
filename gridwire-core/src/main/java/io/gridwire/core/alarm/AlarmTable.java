package io.gridwire.core.alarm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alarms of one device model: which metrics are alarms, and the device's own "number of
 * active alarms" metric used to cross-check them.
 *
 * @param byMetric metric name → definition, in declaration order, unmodifiable
 * @param countMetric the metric holding the device's own count of active alarms, or null
 */
public record AlarmTable(Map<String, AlarmDefinition> byMetric, String countMetric) {
  public static final AlarmTable EMPTY = new AlarmTable(Map.of(), null);

  public AlarmTable {
    byMetric = byMetric == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(byMetric));
  }

  public static AlarmTable of(List<AlarmDefinition> definitions, String countMetric) {
    Map<String, AlarmDefinition> m = new LinkedHashMap<>();
    for (AlarmDefinition d : definitions) m.put(d.metric(), d);
    return new AlarmTable(m, countMetric);
  }

  public boolean isEmpty() {
    return byMetric.isEmpty();
  }
}
