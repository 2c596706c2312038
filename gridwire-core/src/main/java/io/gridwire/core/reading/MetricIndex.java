package io.gridwire.core.reading;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Small dense numbers for metric names, shared by all devices: devices of the same model use
 * the same names, so per-device state can be plain arrays indexed by these numbers instead of a
 * map per device. Thread-safe; numbers are never reused.
 */
public final class MetricIndex {
  private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
  private volatile String[] names = new String[64];
  private int size;

  /** The number of {@code metric}, assigned on first use. */
  public int of(String metric) {
    Integer id = ids.get(metric);
    return id != null ? id : ids.computeIfAbsent(metric, this::assign);
  }

  /**
   * The number of {@code metric} if it has one, else -1; never assigns one, so looking up names
   * that come from outside (an API query) cannot grow the index.
   */
  public int find(String metric) {
    Integer id = ids.get(metric);
    return id != null ? id : -1;
  }

  /** The name of a number {@link #of} returned. */
  public String name(int id) {
    return names[id];
  }

  /** How many names have a number. */
  public synchronized int size() {
    return size;
  }

  private synchronized int assign(String metric) {
    String[] n = names;
    if (size == n.length) n = java.util.Arrays.copyOf(n, n.length * 2);
    n[size] = metric;
    names = n;
    return size++;
  }
}
