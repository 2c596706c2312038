package io.gridwire.core.reading;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link LatestValues} in process memory: one merged reading per device, plus the last known
 * values of metrics that turned {@code comm_lost} (kept only while they are lost).
 */
public final class InMemoryLatestValues implements LatestValues {
  private final ConcurrentHashMap<String, Reading> latest = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Reading> lastKnown = new ConcurrentHashMap<>();

  @Override
  public void update(Reading reading) {
    latest.compute(reading.deviceId(), (id, old) -> {
      if (old == null) return reading;
      rememberLost(old, reading);
      return merge(old, reading);
    });
  }

  /** Keeps the values `next` turns comm_lost; forgets those `next` brings back. */
  private void rememberLost(Reading old, Reading next) {
    if (!newer(old, next)) return;
    lastKnown.compute(next.deviceId(), (id, kept) -> {
      Map<String, Value> values = kept == null ? new LinkedHashMap<>() : new LinkedHashMap<>(kept.values());
      java.time.Instant at = kept == null ? old.timestamp() : kept.timestamp();
      for (Map.Entry<String, Value> e : next.values().entrySet()) {
        Value before = old.values().get(e.getKey());
        if (Value.COMM_LOST.equals(e.getValue())) {
          if (before != null && !(before instanceof Value.NoData)) {
            values.put(e.getKey(), before);
            at = old.timestamp();
          }
        } else {
          values.remove(e.getKey());
        }
      }
      return values.isEmpty() ? null : new Reading(id, at, old.receivedAt(), Collections.unmodifiableMap(values));
    });
  }

  @Override
  public Optional<Reading> lastKnown(String deviceId) {
    return Optional.ofNullable(lastKnown.get(deviceId));
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
    lastKnown.remove(deviceId);
  }
}
