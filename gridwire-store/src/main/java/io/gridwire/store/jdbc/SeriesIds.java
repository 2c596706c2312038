package io.gridwire.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code series} dictionary: (device, metric) → small integer id, so history rows stay
 * narrow. Ids never change once assigned, so they are cached forever. Thread-safe.
 */
public final class SeriesIds {
  private final Database db;
  /** Device → metric → id: looked up per stored value, without building a key string. */
  private final ConcurrentHashMap<String, ConcurrentHashMap<String, Integer>> cache = new ConcurrentHashMap<>();

  public SeriesIds(Database db) {
    this.db = db;
  }

  static String key(String deviceId, String metric) {
    return deviceId + '\u0000' + metric;
  }

  /** The cached id, or null (call {@link #resolve} first). */
  public Integer cached(String key) {
    int cut = key.indexOf('\u0000');
    return cached(key.substring(0, cut), key.substring(cut + 1));
  }

  /** The cached id of (device, metric), or null. */
  public Integer cached(String deviceId, String metric) {
    Map<String, Integer> metrics = cache.get(deviceId);
    return metrics == null ? null : metrics.get(metric);
  }

  private void put(String key, Integer id) {
    int cut = key.indexOf('\u0000');
    cache.computeIfAbsent(key.substring(0, cut), d -> new ConcurrentHashMap<>()).put(key.substring(cut + 1), id);
  }

  /** Creates and caches the series the readings need that are not cached yet. Blocking when some are new. */
  public void resolveFor(List<io.gridwire.core.reading.Reading> readings) {
    Set<String> missing = null;
    for (io.gridwire.core.reading.Reading r : readings) {
      Map<String, Integer> metrics = cache.get(r.deviceId());
      for (String metric : r.values().keySet()) {
        if (metrics != null && metrics.containsKey(metric)) continue;
        if (missing == null) missing = new java.util.LinkedHashSet<>();
        missing.add(key(r.deviceId(), metric));
      }
    }
    if (missing != null) resolve(missing);
  }

  /**
   * Creates missing series in their own transaction (never rolled back with a failed history
   * batch, so cached ids stay valid) and caches their ids. Blocking.
   */
  public void resolve(Set<String> keys) {
    List<String> missing = new ArrayList<>();
    for (String k : keys) if (cached(k) == null) missing.add(k);
    if (missing.isEmpty()) return;
    Map<String, Integer> found = db.write("create series", c -> {
      Map<String, Integer> out = new java.util.HashMap<>();
      try (PreparedStatement ins = c.prepareStatement(
              "INSERT INTO series (device_id, metric) VALUES (?, ?) ON CONFLICT DO NOTHING");
          PreparedStatement sel = c.prepareStatement("SELECT id FROM series WHERE device_id = ? AND metric = ?")) {
        for (String k : missing) {
          int cut = k.indexOf('\u0000');
          ins.setString(1, k.substring(0, cut));
          ins.setString(2, k.substring(cut + 1));
          ins.executeUpdate();
          sel.setString(1, k.substring(0, cut));
          sel.setString(2, k.substring(cut + 1));
          try (ResultSet rs = sel.executeQuery()) {
            if (rs.next()) out.put(k, rs.getInt(1));
          }
        }
      }
      return out;
    });
    found.forEach(this::put);
  }

  /** Looks a series up without creating it. Blocking. */
  public Optional<Integer> find(String deviceId, String metric) {
    String k = key(deviceId, metric);
    Integer id = cached(deviceId, metric);
    if (id != null) return Optional.of(id);
    Integer read = db.read("find series", c -> {
      try (PreparedStatement sel = c.prepareStatement("SELECT id FROM series WHERE device_id = ? AND metric = ?")) {
        sel.setString(1, deviceId);
        sel.setString(2, metric);
        try (ResultSet rs = sel.executeQuery()) {
          return rs.next() ? rs.getInt(1) : null;
        }
      }
    });
    if (read != null) put(k, read);
    return Optional.ofNullable(read);
  }

  /** Every known series id. Blocking. */
  public List<Integer> all() {
    return db.read("list series", c -> {
      List<Integer> out = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement("SELECT id FROM series ORDER BY id");
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) out.add(rs.getInt(1));
      }
      return out;
    });
  }

  Set<String> cachedKeys() {
    Set<String> out = new java.util.HashSet<>();
    cache.forEach((d, metrics) -> metrics.keySet().forEach(m -> out.add(key(d, m))));
    return out;
  }
}
