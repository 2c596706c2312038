package io.gridwire.core.reading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the metric names a device chooses itself (MQTT dataloggers, WebSocket devices, OIG
 * frames): at most {@link #MAX_NAMES_PER_DEVICE} distinct names per device, each at most
 * {@link #MAX_NAME_CHARS} characters. Every table behind the readings bus (latest values, change
 * filter, history series, the metric index, Home Assistant discovery) keeps a name it has seen,
 * so a device that puts a new name in each message would grow them all without bound; real
 * devices use a fixed set (an OIG Box a few hundred, a genset profile 640). A value under a
 * refused name is dropped; the rest of its reading passes. Connectors count what is refused.
 * A device's names are forgotten with {@link #forget} (the device was removed). Thread-safe.
 */
public final class MetricNameLimit {
  public static final int MAX_NAMES_PER_DEVICE = 4_096;
  public static final int MAX_NAME_CHARS = 200;
  /** Devices whose names are tracked at most: beyond, a new device's names are checked for length only. */
  static final int MAX_DEVICES = 100_000;

  private final int maxNames;
  private final Map<String, Set<String>> names = new ConcurrentHashMap<>();

  public MetricNameLimit() {
    this(MAX_NAMES_PER_DEVICE);
  }

  MetricNameLimit(int maxNames) {
    this.maxNames = maxNames;
  }

  /** What passes: the same reading when every name may pass, else a copy without the refused values. */
  public Admitted admit(Reading r) {
    Set<String> known = names.get(r.deviceId());
    if (known != null && known.containsAll(r.values().keySet())) return new Admitted(r, List.of());
    if (known == null) {
      known = names.size() < MAX_DEVICES ? names.computeIfAbsent(r.deviceId(), d -> ConcurrentHashMap.newKeySet()) : null;
    }
    List<String> refused = new ArrayList<>(0);
    if (known == null) {
      for (String m : r.values().keySet()) if (m.length() > MAX_NAME_CHARS) refused.add(m);
    } else {
      synchronized (known) {
        for (String m : r.values().keySet()) {
          if (known.contains(m)) continue;
          if (m.length() <= MAX_NAME_CHARS && known.size() < maxNames) known.add(m);
          else refused.add(m);
        }
      }
    }
    if (refused.isEmpty()) return new Admitted(r, List.of());
    Map<String, Value> kept = new LinkedHashMap<>(r.values());
    kept.keySet().removeAll(refused);
    return new Admitted(new Reading(r.deviceId(), r.timestamp(), r.receivedAt(), kept, r.gap()), refused);
  }

  /** Forgets a device's names (it was removed: a device of that id starts afresh). */
  public void forget(String deviceId) {
    names.remove(deviceId);
  }

  /**
   * What {@link #admit} let through and what it refused.
   *
   * @param reading the reading to publish (its values may be empty when every name was refused)
   * @param refused names refused, empty when none
   */
  public record Admitted(Reading reading, List<String> refused) {
    /** A sentence for the log or the device: which names and why. */
    public String explain() {
      String some = refused.size() <= 3 ? String.join(", ", refused.stream().map(MetricNameLimit::clip).toList())
          : String.join(", ", refused.subList(0, 3).stream().map(MetricNameLimit::clip).toList()) + " …";
      return refused.size() + " metric name(s) refused (" + some + "): a device may use at most "
          + MAX_NAMES_PER_DEVICE + " distinct names of at most " + MAX_NAME_CHARS
          + " characters; give each measurement a fixed name and put what changes in the value";
    }
  }

  private static String clip(String name) {
    return name.length() <= 40 ? name : name.substring(0, 40) + "…";
  }
}
