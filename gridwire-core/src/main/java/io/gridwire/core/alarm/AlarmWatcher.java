package io.gridwire.core.alarm;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.Overflow;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.bus.Subscription;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.NoDataReason;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns alarm metrics in readings (the {@link AlarmTable} a connector declared in the
 * {@link MetricCatalog}) into {@link AlarmSignal}s. A boolean is active when true, a number when
 * non-zero; a value lost with the link marks the device's alarms unknown; other no-data is
 * skipped. Readings may carry only changed values (report by exception): the watcher remembers
 * the last value of every metric that matters and every alarm bit, per device.
 *
 * <p>Devices that send their own alarms ({@code "alarms": {...}} in MQTT or WebSocket payloads)
 * are read by {@link PayloadAlarms}.
 *
 * <p>Cross-check: when a reading carries the device's own alarm count, it is compared with the
 * alarm bits on ({@link AlarmCrossCheck}), when the same reading also carries alarm bits.
 */
public final class AlarmWatcher implements AutoCloseable {
  private final MetricCatalog catalog;
  private final AlarmSink sink;
  private final AlarmCrossCheck crossCheck = new AlarmCrossCheck();
  private final Map<String, DeviceMemory> memory = new ConcurrentHashMap<>();
  private final java.util.function.Consumer<String> lost;
  /** Per alarm table (by identity: a table belongs to a profile), the metrics its alarms quote. */
  private final Map<AlarmTable, Set<String>> quoted = java.util.Collections.synchronizedMap(new IdentityHashMap<>());
  private Subscription subscription;

  /**
   * @param lost called with a device id when a reading says its link is lost (alarms → unknown)
   */
  public AlarmWatcher(MetricCatalog catalog, AlarmSink sink, java.util.function.Consumer<String> lost) {
    this.catalog = catalog;
    this.sink = sink;
    this.lost = lost;
  }

  /** Subscribes to the reading bus with a deep queue: coalescing partial readings could hide a raise. */
  public AlarmWatcher start(Bus<Reading> readings) {
    subscription = readings.subscribe("alarms", new SubscriberOptions(65_536, Overflow.COALESCE, 100_000, 512),
        this::accept);
    return this;
  }

  /** What the watcher remembers of one device. */
  private static final class DeviceMemory {
    final Map<String, Object> values = new HashMap<>();
    final Map<String, Boolean> bits = new HashMap<>();
  }

  /**
   * Handles one reading; public for tests and for connectors that call it directly. Cheap on the
   * common path (every bit off, as before): it remembers only the metrics an alarm quotes, and
   * reports an inactive bit only when it was on or not yet seen, so a genset's 574 quiet bits
   * cost a lookup each, not a signal and a map each.
   */
  public void accept(Reading r) {
    PayloadAlarms.report(r, sink);
    AlarmTable table = catalog.alarms(r.deviceId());
    if (table.isEmpty()) return;
    Set<String> quoted = quotedMetrics(table);
    DeviceMemory m = memory.computeIfAbsent(r.deviceId(), k -> new DeviceMemory());
    synchronized (m) {
      for (String metric : quoted) {
        Value v = r.values().get(metric);
        if (v != null) m.values.put(metric, v.toPlain());
      }
      boolean linkLost = false;
      boolean bitsRead = false;
      for (Map.Entry<String, Value> e : r.values().entrySet()) {
        AlarmDefinition d = table.byMetric().get(e.getKey());
        if (d == null) continue;
        Value v = e.getValue();
        if (v instanceof Value.NoData nd) {
          linkLost |= nd.reason() == NoDataReason.COMM_LOST;
          continue;
        }
        boolean on = v instanceof Value.Bool b ? b.value() : v.asDouble() != null && v.asDouble() != 0;
        Boolean before = m.bits.put(d.metric(), on);
        bitsRead = true;
        // An inactive bit matters to the book only when it was on (a clear) or is seen for the
        // first time (it may clear an alarm restored from the store); an active one always does
        // (it turns an unknown alarm active again after the link came back).
        if (on || before == null || before) {
          sink.report(new AlarmSignal(r.deviceId(), d.alarmId(), d.name(), d.severity(), d.alarmClass(), on,
              r.timestamp(), valuesOf(d, m)));
        }
      }
      if (linkLost) lost.accept(r.deviceId());
      // Only a reading with bits compares: the count is read every poll, the bits maybe every n-th.
      if (bitsRead && table.countMetric() != null && r.values().get(table.countMetric()) instanceof Value.Num n) {
        int on = 0;
        for (boolean b : m.bits.values()) if (b) on++;
        crossCheck.compare(r.deviceId(), (int) n.value(), on, m.bits.size() == table.byMetric().size());
      }
    }
  }

  /** The metrics any alarm of {@code table} quotes in its events, computed once per table. */
  private Set<String> quotedMetrics(AlarmTable table) {
    Set<String> q = quoted.get(table);
    if (q != null) return q;
    Set<String> all = new LinkedHashSet<>();
    for (AlarmDefinition d : table.byMetric().values()) all.addAll(d.values());
    q = Set.copyOf(all);
    quoted.put(table, q);
    return q;
  }

  private static Map<String, Object> valuesOf(AlarmDefinition d, DeviceMemory m) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String metric : d.values()) out.put(metric, m.values.get(metric));
    return out;
  }

  /** Cross-check mismatches seen so far, per device (for metrics and tests). */
  public long mismatches(String deviceId) {
    return crossCheck.mismatches(deviceId);
  }

  /** Forgets a removed device's memory. */
  public void forget(String deviceId) {
    memory.remove(deviceId);
  }

  @Override
  public void close() {
    if (subscription != null) subscription.close();
  }
}
