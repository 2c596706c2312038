package io.gridwire.core.reading;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Report by exception: of each reading, only the values worth reporting pass.
 *
 * <p>A value passes when its kind or no-data reason changed (value ↔ no-data), when a boolean
 * or a text changed at all, when a number moved beyond its {@link Deadband} from the value last
 * passed (default: any change), or when {@code heartbeat} has passed since the metric was last
 * passed (so a flat value is still proven alive). A reading older than the device's newest one
 * (a replay) passes whole and changes nothing. State is per device in compact arrays
 * ({@link ChangeState}, about 13 bytes per metric), keyed by a shared {@link MetricIndex}.
 *
 * <p>Thread-safe: each device's state is locked while one of its readings is filtered.
 */
public final class ChangeFilter {
  /** Seconds in the state are counted from here, so they fit an int until 2091. */
  private static final long BASE_SECOND = 1_700_000_000L;

  /** Where the deadband of a device's metric comes from; null means any change. */
  @FunctionalInterface
  public interface Deadbands {
    Deadband of(String deviceId, String metric);

    Deadbands NONE = (d, m) -> null;
  }

  private final long heartbeatSeconds;
  private final Deadbands deadbands;
  private final MetricIndex index;
  private final ConcurrentHashMap<String, ChangeState> devices = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<List<Deadband>, Deadband[]> sharedBands = new ConcurrentHashMap<>();

  /**
   * @param heartbeat a value passes again at least this often (whole seconds, rounded up); zero
   *     turns heartbeats off
   * @param deadbands per-metric deadbands, asked once per device and metric
   * @param index metric numbers, shared by every filter of the process
   */
  public ChangeFilter(Duration heartbeat, Deadbands deadbands, MetricIndex index) {
    if (heartbeat.isNegative()) throw new IllegalArgumentException("heartbeat must be ≥ 0: " + heartbeat);
    long s = heartbeat.getSeconds() + (heartbeat.getNano() > 0 ? 1 : 0);
    this.heartbeatSeconds = s == 0 ? Long.MAX_VALUE : s;
    this.deadbands = Objects.requireNonNull(deadbands, "deadbands");
    this.index = Objects.requireNonNull(index, "index");
  }

  /** The values of {@code r} that pass: {@code r} itself when all do, null when none does. */
  public Reading filter(Reading r) {
    if (r.values().isEmpty()) return null; // a poll whose registers all stayed the same
    ChangeState s = devices.computeIfAbsent(r.deviceId(), k -> new ChangeState());
    int now = second(r.receivedAt());
    long ts = r.timestamp().toEpochMilli();
    synchronized (s) {
      if (ts < s.lastTimestamp) return r;
      s.lastTimestamp = ts;
      Map<String, Value> passed = null;
      int n = 0;
      boolean newBands = false;
      for (Map.Entry<String, Value> e : r.values().entrySet()) {
        int i = index.of(e.getKey());
        Value v = e.getValue();
        byte k = ChangeState.kindOf(v);
        s.ensure(i);
        if (s.kind[i] == ChangeState.NONE) newBands |= resolveBand(s, r.deviceId(), e.getKey(), i);
        boolean pass = s.kind[i] == ChangeState.NONE || s.changed(i, v, k) || now - s.passedAt[i] >= heartbeatSeconds;
        if (pass) {
          s.remember(i, v, k, now);
          if (passed != null) passed.put(e.getKey(), v);
        } else if (passed == null) {
          passed = firstN(r.values(), n);
        }
        if (passed == null) n++;
      }
      if (newBands && s.bands != null) s.bands = share(s.bands);
      if (passed == null) return r;
      if (passed.isEmpty()) return null;
      return new Reading(r.deviceId(), r.timestamp(), r.receivedAt(), Collections.unmodifiableMap(passed));
    }
  }

  /**
   * Marks every metric of the device that last passed with a value as {@link Value#COMM_LOST}
   * (the device went offline), so a stored value is not carried past this moment.
   *
   * @return the reading to report, a {@link Reading#gap}, or null when nothing held a value
   */
  public Reading offline(String deviceId, Instant at) {
    ChangeState s = devices.get(deviceId);
    if (s == null) return null;
    String[] lost;
    int n = 0;
    byte commLost = ChangeState.kindOf(Value.COMM_LOST);
    synchronized (s) {
      int now = second(at);
      lost = new String[s.kind.length];
      for (int i = 0; i < s.kind.length; i++) {
        if (s.kind[i] == ChangeState.NONE || s.kind[i] >= ChangeState.NO_DATA) continue;
        s.remember(i, Value.COMM_LOST, commLost, now);
        lost[n++] = index.name(i);
      }
      s.lastTimestamp = Math.max(s.lastTimestamp, at.toEpochMilli());
    }
    return n == 0 ? null : new Reading(deviceId, at, at, new SameValueMap(Arrays.copyOf(lost, n), Value.COMM_LOST), true);
  }

  /** Forgets a device (removed, or its profile changed): its next reading passes whole. */
  public void remove(String deviceId) {
    devices.remove(deviceId);
  }

  /** Devices with state. */
  public int devices() {
    return devices.size();
  }

  /** The ids of the devices with state. */
  public List<String> deviceIds() {
    return List.copyOf(devices.keySet());
  }

  private boolean resolveBand(ChangeState s, String deviceId, String metric, int i) {
    Deadband b = deadbands.of(deviceId, metric);
    if (b == null || b.equals(Deadband.ANY_CHANGE) || b.equals(s.band(i))) return false;
    Deadband[] copy = s.bands == null ? new Deadband[i + 1] : Arrays.copyOf(s.bands, Math.max(s.bands.length, i + 1));
    copy[i] = b;
    s.bands = copy;
    return true;
  }

  /** Devices of one model end up with equal deadband tables: keep one copy. */
  private Deadband[] share(Deadband[] bands) {
    return sharedBands.computeIfAbsent(Arrays.asList(bands), k -> bands);
  }

  private static Map<String, Value> firstN(Map<String, Value> values, int n) {
    Map<String, Value> out = new LinkedHashMap<>();
    int k = 0;
    for (Map.Entry<String, Value> e : values.entrySet()) {
      if (k++ == n) break;
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  private static int second(Instant t) {
    long s = t.getEpochSecond() - BASE_SECOND;
    return (int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE, s));
  }
}
