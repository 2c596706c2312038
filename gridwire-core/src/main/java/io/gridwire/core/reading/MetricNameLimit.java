package io.gridwire.core.reading;

import java.util.ArrayList;
import java.util.Collections;
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
 * The bound is per device: the total is this times the devices admission lets in. A device's
 * names are forgotten with {@link #forget} (the device was removed). Past {@link #MAX_DEVICES}
 * tracked devices a new device's names are all refused. Thread-safe.
 */
public final class MetricNameLimit {
  public static final int MAX_NAMES_PER_DEVICE = 4_096;
  public static final int MAX_NAME_CHARS = 100;
  /** Devices whose names are tracked at most (far beyond one node's admission caps): beyond, refused. */
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
    if (known != null && known.containsAll(r.values().keySet())) return new Admitted(r, List.of(), maxNames);
    if (known == null) {
      known = names.size() < MAX_DEVICES ? names.computeIfAbsent(r.deviceId(), d -> ConcurrentHashMap.newKeySet()) : null;
    }
    List<String> refused = new ArrayList<>(0);
    if (known == null) {
      refused.addAll(r.values().keySet());
    } else {
      synchronized (known) {
        for (String m : r.values().keySet()) {
          if (known.contains(m)) continue;
          if (m.length() <= MAX_NAME_CHARS && known.size() < maxNames) known.add(m);
          else refused.add(m);
        }
      }
    }
    if (refused.isEmpty()) return new Admitted(r, List.of(), maxNames);
    Map<String, Value> kept = Map.of();
    if (refused.size() < r.values().size()) {
      kept = new LinkedHashMap<>(r.values());
      for (String m : refused) kept.remove(m); // one hash removal each: a message of thousands of new names stays linear
      kept = Collections.unmodifiableMap(kept);
    }
    return new Admitted(new Reading(r.deviceId(), r.timestamp(), r.receivedAt(), kept, r.gap()), List.copyOf(refused),
        maxNames);
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
   * @param maxNames the bound that applied, for {@link #explain}
   */
  public record Admitted(Reading reading, List<String> refused, int maxNames) {
    /** A sentence for the log or the device: which names and why. */
    public String explain() {
      String some = String.join(", ", refused.stream().limit(3).map(MetricNameLimit::clip).toList())
          + (refused.size() > 3 ? " …" : "");
      return refused.size() + " metric name(s) refused (" + some + "): a device may use at most "
          + maxNames + " distinct names of at most " + MAX_NAME_CHARS
          + " characters; give each measurement a fixed name and put what changes in the value";
    }
  }

  private static String clip(String name) {
    return name.length() <= 40 ? name : name.substring(0, 40) + "…";
  }
}
