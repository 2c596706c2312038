package io.gridwire.mqtt.publish;

import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the publisher knows of one device: merged latest values, the config topic announced per
 * metric, the last availability sent and the key of the device block. Guarded by its own monitor.
 */
final class DeviceState {
  final String deviceId;
  final LinkedHashMap<String, Value> values = new LinkedHashMap<>();
  /** metric → config topic announced for it. */
  final LinkedHashMap<String, String> announced = new LinkedHashMap<>();
  Instant timestamp;
  Boolean availability;
  String deviceKey;
  /** Whether the problem / active-alarms entities were announced. */
  boolean alarmsAnnounced;

  DeviceState(String deviceId) {
    this.deviceId = deviceId;
  }

  /** Merges a reading; an older reading only fills gaps. */
  synchronized void merge(Reading r) {
    boolean newer = timestamp == null || !r.timestamp().isBefore(timestamp);
    for (Map.Entry<String, Value> e : r.values().entrySet()) {
      if (newer || !values.containsKey(e.getKey())) values.put(e.getKey(), e.getValue());
    }
    if (newer) timestamp = r.timestamp();
  }

  synchronized Map<String, Value> valuesCopy() {
    return new LinkedHashMap<>(values);
  }
}
