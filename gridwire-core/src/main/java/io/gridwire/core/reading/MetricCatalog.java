package io.gridwire.core.reading;

import io.gridwire.core.alarm.AlarmTable;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Metric metadata per device, filled by connectors (profiles, OIG field table) and read by the
 * dashboard, the API and Home Assistant discovery, and which metrics are alarms (read by the
 * alarm watcher). Thread-safe.
 */
public final class MetricCatalog {
  private final Map<String, Map<String, MetricInfo>> byDevice = new ConcurrentHashMap<>();
  private final Map<String, AlarmTable> alarms = new ConcurrentHashMap<>();

  /**
   * Tables built from a list, by that list: devices declared with the same list (every device of
   * one register profile) share one table. Weak, so a list no device uses any more is forgotten.
   */
  private final Map<List<MetricInfo>, Map<String, MetricInfo>> shared =
      Collections.synchronizedMap(new java.util.WeakHashMap<>());

  /**
   * Declares (or replaces) the metrics of a device, in display order. Devices declared with an
   * equal list share one table.
   */
  public void declare(String deviceId, Iterable<MetricInfo> metrics) {
    Map<String, MetricInfo> table = metrics instanceof List<MetricInfo> list
        ? shared.computeIfAbsent(list, MetricCatalog::table)
        : table(metrics);
    byDevice.put(deviceId, table);
  }

  private static Map<String, MetricInfo> table(Iterable<MetricInfo> metrics) {
    Map<String, MetricInfo> m = new LinkedHashMap<>();
    for (MetricInfo info : metrics) m.put(info.name(), info);
    return Collections.unmodifiableMap(m);
  }

  /** Adds one metric to a device's table, keeping earlier ones. */
  public void add(String deviceId, MetricInfo info) {
    addAll(deviceId, List.of(info));
  }

  /** Adds metrics to a device's table in one copy of it (a copy per metric is quadratic for a new device). */
  public void addAll(String deviceId, Collection<MetricInfo> infos) {
    if (infos.isEmpty()) return;
    byDevice.compute(deviceId, (k, old) -> {
      Map<String, MetricInfo> m = old == null ? new LinkedHashMap<>() : new LinkedHashMap<>(old);
      for (MetricInfo info : infos) m.put(info.name(), info);
      return Collections.unmodifiableMap(m);
    });
  }

  public Map<String, MetricInfo> metrics(String deviceId) {
    return byDevice.getOrDefault(deviceId, Map.of());
  }

  public Optional<MetricInfo> find(String deviceId, String metric) {
    return Optional.ofNullable(metrics(deviceId).get(metric));
  }

  /** Declares (or replaces) which metrics of a device are alarms; an empty table removes them. */
  public void declareAlarms(String deviceId, AlarmTable table) {
    if (table == null || table.isEmpty()) alarms.remove(deviceId);
    else alarms.put(deviceId, table);
  }

  /** The alarm metrics of a device; {@link AlarmTable#EMPTY} when it has none. */
  public AlarmTable alarms(String deviceId) {
    return alarms.getOrDefault(deviceId, AlarmTable.EMPTY);
  }

  public void remove(String deviceId) {
    byDevice.remove(deviceId);
    alarms.remove(deviceId);
  }
}
