package io.gridwire.core.reading;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One device, one timestamp, an ordered map of named values (SPEC §2).
 *
 * @param deviceId stable device key
 * @param timestamp the device's own time of the values (e.g. OIG {@code DT}); falls back to
 *     {@code receivedAt} when the device sends none
 * @param receivedAt when the gateway received the values
 * @param values snake_case metric name → value, in the order the source produced them; never
 *     null, unmodifiable
 * @param gap true when this reading ends every value the device held: the device went offline or
 *     the gateway stopped at {@code timestamp}, and {@code values} lists each held value as
 *     no-data. A sink that stores values may keep one mark for the device instead of one no-data
 *     value per metric (history does); others treat it as any reading
 */
public record Reading(String deviceId, Instant timestamp, Instant receivedAt, Map<String, Value> values, boolean gap) {

  public Reading {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    if (timestamp == null) timestamp = receivedAt;
    Objects.requireNonNull(values, "values");
  }

  /** A reading of values as polled or received (no {@link #gap}). */
  public Reading(String deviceId, Instant timestamp, Instant receivedAt, Map<String, Value> values) {
    this(deviceId, timestamp, receivedAt, values, false);
  }

  /**
   * A cheap estimate of this reading's heap size for queue byte bounds: a fixed part plus about
   * 80 bytes per value (map entry and value object; metric names are shared strings), 8 for a
   * {@link #gap} (an array of names, one shared value). Does not walk the values.
   */
  public int estimatedBytes() {
    return 160 + (gap ? 8 : 80) * values.size();
  }

  /**
   * What a queue keeps when {@code newer} arrives while {@code older} of the same device still
   * waits: {@code older}'s values overlaid by {@code newer}'s, stamped with {@code newer}'s times.
   * A partial reading (an OIG table, a change-feed delta) thus never erases another's values
   * when a slow sink coalesces; a value both hold keeps the newer one.
   */
  public static Reading merge(Reading older, Reading newer) {
    if (older.values.isEmpty() || newer.values.keySet().containsAll(older.values.keySet())) return newer;
    Map<String, Value> merged = new LinkedHashMap<>(older.values);
    merged.putAll(newer.values);
    return new Reading(newer.deviceId, newer.timestamp, newer.receivedAt, Collections.unmodifiableMap(merged));
  }

  /** A reading whose values map is copied (order kept) and made unmodifiable. */
  public static Reading of(String deviceId, Instant timestamp, Instant receivedAt, Map<String, Value> values) {
    return new Reading(deviceId, timestamp, receivedAt, Collections.unmodifiableMap(new LinkedHashMap<>(values)));
  }

  /** Starts an ordered builder. */
  public static Builder builder(String deviceId, Instant timestamp, Instant receivedAt) {
    return new Builder(deviceId, timestamp, receivedAt);
  }

  /** Ordered builder; not thread-safe. */
  public static final class Builder {
    private final String deviceId;
    private final Instant timestamp;
    private final Instant receivedAt;
    private final LinkedHashMap<String, Value> values = new LinkedHashMap<>();

    private Builder(String deviceId, Instant timestamp, Instant receivedAt) {
      this.deviceId = deviceId;
      this.timestamp = timestamp;
      this.receivedAt = receivedAt;
    }

    public Builder put(String metric, Value value) {
      values.put(metric, value);
      return this;
    }

    public Builder put(String metric, double value) {
      return put(metric, Value.of(value));
    }

    public Builder put(String metric, boolean value) {
      return put(metric, Value.of(value));
    }

    public Builder put(String metric, String value) {
      return put(metric, Value.of(value));
    }

    public boolean isEmpty() {
      return values.isEmpty();
    }

    public Reading build() {
      return new Reading(deviceId, timestamp, receivedAt, Collections.unmodifiableMap(values));
    }
  }
}
