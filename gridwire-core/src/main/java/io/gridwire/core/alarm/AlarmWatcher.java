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
  /** Per alarm table (by identity: a table belongs to a profile), its index. */
  private final Map<AlarmTable, TableIndex> indexes = java.util.Collections.synchronizedMap(new IdentityHashMap<>());
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
    subscription = readings.subscribe("alarms", new SubscriberOptions(65_536, Overflow.COALESCE, 100_000, 512,
        SubscriberOptions.STATE_BYTES), this::accept);
    return this;
  }

  /**
   * One alarm table numbered once: each alarm metric's position, its definition at that
   * position, and the metrics its alarms quote. Shared by the devices of a profile.
   */
  private record TableIndex(Set<String> quoted, Map<String, Integer> position, AlarmDefinition[] defs) {
    static TableIndex of(AlarmTable table) {
      Set<String> quoted = new LinkedHashSet<>();
      Map<String, Integer> position = new HashMap<>();
      AlarmDefinition[] defs = new AlarmDefinition[table.byMetric().size()];
      int i = 0;
      for (Map.Entry<String, AlarmDefinition> e : table.byMetric().entrySet()) {
        quoted.addAll(e.getValue().values());
        position.put(e.getKey(), i);
        defs[i++] = e.getValue();
      }
      return new TableIndex(Set.copyOf(quoted), Map.copyOf(position), defs);
    }
  }

  /**
   * What the watcher remembers of one device: the quoted metrics' last values, and two bits per
   * alarm (seen, on) by the table's positions (a genset's 574 alarms in 144 bytes, not 574 map
   * entries).
   */
  private static final class DeviceMemory {
    /** Kept as {@link Value}s (shared with the readings); made plain only when an alarm quotes them. */
    final Map<String, Value> values = new HashMap<>();
    TableIndex index;
    final java.util.BitSet seen = new java.util.BitSet();
    final java.util.BitSet on = new java.util.BitSet();
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
    TableIndex index = indexOf(table);
    DeviceMemory m = memory.computeIfAbsent(r.deviceId(), k -> new DeviceMemory());
    synchronized (m) {
      if (m.index != index) { // first reading, or the device's profile changed: positions differ
        m.index = index;
        m.seen.clear();
        m.on.clear();
      }
      for (String metric : index.quoted()) {
        Value v = r.values().get(metric);
        if (v != null) m.values.put(metric, v);
      }
      boolean linkLost = false;
      boolean bitsRead = false;
      for (Map.Entry<String, Value> e : r.values().entrySet()) {
        Integer at = index.position().get(e.getKey());
        if (at == null) continue;
        AlarmDefinition d = index.defs()[at];
        Value v = e.getValue();
        if (v instanceof Value.NoData nd) {
          linkLost |= nd.reason() == NoDataReason.COMM_LOST;
          continue;
        }
        boolean on = v instanceof Value.Bool b ? b.value() : v.asDouble() != null && v.asDouble() != 0;
        boolean seenBefore = m.seen.get(at);
        boolean onBefore = m.on.get(at);
        m.seen.set(at);
        m.on.set(at, on);
        bitsRead = true;
        // An inactive bit matters to the book only when it was on (a clear) or is seen for the
        // first time (it may clear an alarm restored from the store); an active one always does
        // (it turns an unknown alarm active again after the link came back).
        if (on || !seenBefore || onBefore) {
          sink.report(new AlarmSignal(r.deviceId(), d.alarmId(), d.name(), d.severity(), d.alarmClass(), on,
              r.timestamp(), valuesOf(d, m)));
        }
      }
      if (linkLost) lost.accept(r.deviceId());
      // Only a reading with bits compares: the count is read every poll, the bits maybe every n-th.
      if (bitsRead && table.countMetric() != null && r.values().get(table.countMetric()) instanceof Value.Num n) {
        crossCheck.compare(r.deviceId(), (int) n.value(), m.on.cardinality(), m.seen.cardinality() == index.defs().length);
      }
    }
  }

  /** The index of {@code table}, built once per table. */
  private TableIndex indexOf(AlarmTable table) {
    TableIndex i = indexes.get(table);
    if (i != null) return i;
    i = TableIndex.of(table);
    indexes.put(table, i);
    return i;
  }

  private static Map<String, Object> valuesOf(AlarmDefinition d, DeviceMemory m) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String metric : d.values()) {
      Value v = m.values.get(metric);
      out.put(metric, v == null ? null : v.toPlain());
    }
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
