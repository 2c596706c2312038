package io.gridwire.core.reading;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link LatestValues} in process memory: one merged reading per device. */
public final class InMemoryLatestValues implements LatestValues {
  private final ConcurrentHashMap<String, Reading> latest = new ConcurrentHashMap<>();

  @Override
  public void update(Reading reading) {
    latest.merge(reading.deviceId(), reading, InMemoryLatestValues::merge);
  }

  static Reading merge(Reading old, Reading next) {
    if (old.values().keySet().equals(next.values().keySet()) || old.values().isEmpty()) {
      return newer(old, next) ? next : old;
    }
    Map<String, Value> values = new LinkedHashMap<>(old.values());
    boolean nextIsNewer = newer(old, next);
    for (Map.Entry<String, Value> e : next.values().entrySet()) {
      // A replayed (older) reading fills gaps but never overwrites newer values.
      if (nextIsNewer || !values.containsKey(e.getKey())) values.put(e.getKey(), e.getValue());
    }
    Reading base = nextIsNewer ? next : old;
    return new Reading(base.deviceId(), base.timestamp(), base.receivedAt(), Collections.unmodifiableMap(values));
  }

  private static boolean newer(Reading old, Reading next) {
    return !next.timestamp().isBefore(old.timestamp());
  }

  @Override
  public Optional<Reading> latest(String deviceId) {
    return Optional.ofNullable(latest.get(deviceId));
  }

  @Override
  public Collection<Reading> all() {
    return List.copyOf(latest.values());
  }

  @Override
  public void remove(String deviceId) {
    latest.remove(deviceId);
  }
}
