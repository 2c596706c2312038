package io.gridwire.core.reading;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link LatestValues} in process memory: one merged value table per device, plus the last known
 * values of metrics that turned {@code comm_lost} (kept only while they are lost).
 *
 * <p>An update writes its values into the device's table in place (a partial reading — an alarm
 * block read every fifth poll, one OIG table — costs its own values, not a copy of the device's
 * 640); a reader gets an immutable snapshot, made on the first read after a change and shared by
 * the reads until the next one. Metric names are numbered once per process ({@link MetricIndex}),
 * so a device's table is an array of values, not a map entry per value. Thread-safe: each
 * device's table is guarded by its own lock.
 */
public final class InMemoryLatestValues implements LatestValues {
  private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
  private final MetricIndex index = new MetricIndex();

  @Override
  public void update(Reading reading) {
    Slot slot = slots.computeIfAbsent(reading.deviceId(), id -> new Slot(id, index));
    slot.update(reading);
  }

  @Override
  public Optional<Reading> latest(String deviceId) {
    Slot slot = slots.get(deviceId);
    return slot == null ? Optional.empty() : Optional.ofNullable(slot.snapshot());
  }

  @Override
  public Optional<Reading> lastKnown(String deviceId) {
    Slot slot = slots.get(deviceId);
    return slot == null ? Optional.empty() : Optional.ofNullable(slot.lostSnapshot());
  }

  @Override
  public Collection<Reading> all() {
    List<Reading> out = new ArrayList<>(slots.size());
    for (Slot slot : slots.values()) {
      Reading r = slot.snapshot();
      if (r != null) out.add(r);
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public void remove(String deviceId) {
    slots.remove(deviceId);
  }

  /**
   * One device's merged values and the values it lost; every access under its lock. Values sit in
   * an array by the process-wide metric number, in the order the metrics first arrived (what a
   * map in insertion order would keep, without an entry object per value).
   */
  private static final class Slot {
    private final String deviceId;
    private final MetricIndex index;
    private Value[] values = new Value[0];
    /** Metric numbers in first-arrival order; the first {@code count} are used. */
    private int[] order = new int[16];
    private int count;
    private Instant timestamp;
    private Instant receivedAt;
    private Reading snapshot;
    /** Values that turned comm_lost, with the time of the reading that last carried them; null when none. */
    private LinkedHashMap<String, Value> lost;
    private Instant lostAt;
    private Instant lostReceivedAt;
    private Reading lostSnapshot;

    Slot(String deviceId, MetricIndex index) {
      this.deviceId = deviceId;
      this.index = index;
    }

    /** Stores a value; returns the one it replaced (null when the metric is new to the device). */
    private Value put(String metric, Value v) {
      int i = index.of(metric);
      if (i >= values.length) values = java.util.Arrays.copyOf(values, Math.max(i + 1, values.length * 2));
      Value before = values[i];
      values[i] = v;
      if (before == null) {
        if (count == order.length) order = java.util.Arrays.copyOf(order, count * 2);
        order[count++] = i;
      }
      return before;
    }

    synchronized void update(Reading next) {
      if (timestamp == null) {
        for (Map.Entry<String, Value> e : next.values().entrySet()) put(e.getKey(), e.getValue());
        timestamp = next.timestamp();
        receivedAt = next.receivedAt();
        snapshot = next;
        return;
      }
      if (next.timestamp().isBefore(timestamp)) {
        // A replayed (older) reading fills gaps but never overwrites newer values.
        for (Map.Entry<String, Value> e : next.values().entrySet()) {
          int i = index.of(e.getKey());
          if (i >= values.length || values[i] == null) {
            put(e.getKey(), e.getValue());
            snapshot = null;
          }
        }
        return;
      }
      Instant previousAt = timestamp;
      Instant previousReceivedAt = receivedAt;
      boolean lostChanged = false;
      for (Map.Entry<String, Value> e : next.values().entrySet()) {
        Value now = e.getValue();
        Value before = put(e.getKey(), now);
        if (Value.COMM_LOST.equals(now)) {
          if (before != null && !(before instanceof Value.NoData)) {
            if (lost == null) {
              lost = new LinkedHashMap<>();
            }
            lost.put(e.getKey(), before);
            lostAt = previousAt;
            lostReceivedAt = previousReceivedAt;
            lostChanged = true;
          }
        } else if (lost != null && lost.remove(e.getKey()) != null) {
          lostChanged = true;
        }
      }
      if (lostChanged) {
        lostSnapshot = null;
        if (lost.isEmpty()) lost = null;
      }
      timestamp = next.timestamp();
      receivedAt = next.receivedAt();
      snapshot = count == next.values().size() ? next : null;
    }

    synchronized Reading snapshot() {
      if (snapshot == null && timestamp != null) {
        LinkedHashMap<String, Value> copy = LinkedHashMap.newLinkedHashMap(count);
        for (int k = 0; k < count; k++) copy.put(index.name(order[k]), values[order[k]]);
        snapshot = new Reading(deviceId, timestamp, receivedAt, Collections.unmodifiableMap(copy));
      }
      return snapshot;
    }

    synchronized Reading lostSnapshot() {
      if (lost == null) return null;
      if (lostSnapshot == null) {
        lostSnapshot = new Reading(deviceId, lostAt, lostReceivedAt, Collections.unmodifiableMap(new LinkedHashMap<>(lost)));
      }
      return lostSnapshot;
    }
  }
}
