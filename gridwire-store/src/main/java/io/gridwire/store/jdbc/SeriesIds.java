package io.gridwire.store.jdbc;

import io.gridwire.core.reading.MetricIndex;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code series} dictionary: (device, metric) → small integer id, so history rows stay
 * narrow. Ids never change once assigned, so they are cached forever. Thread-safe.
 *
 * <p>Memory: per device one {@code int[]} indexed by a metric number shared by all devices
 * ({@link MetricIndex}), not a map per device: at 1,000 gensets of 640 metrics a map of boxed ids
 * held 41 MB of the heap, the arrays hold 2.6 MB.
 */
public final class SeriesIds {
  private final Database db;
  private final MetricIndex metrics = new MetricIndex();
  private final ConcurrentHashMap<String, DeviceSeries> cache = new ConcurrentHashMap<>();

  public SeriesIds(Database db) {
    this.db = db;
  }

  /**
   * The cached series ids of one device, by metric. Copy on write: a reader sees a whole table,
   * and ids written by the thread that resolved them are visible to it at once.
   */
  static final class DeviceSeries {
    private static final int NONE = Integer.MIN_VALUE;
    private final MetricIndex metrics;
    private volatile int[] ids = new int[0];

    private DeviceSeries(MetricIndex metrics) {
      this.metrics = metrics;
    }

    /**
     * The id of {@code metric}, or {@link Integer#MIN_VALUE} when it is not cached. A name without
     * a number gets none: readers look up names from API queries, which must not grow the index.
     */
    int get(String metric) {
      int n = metrics.find(metric);
      return n < 0 ? NONE : get(n);
    }

    /** The id of the metric numbered {@code n} by the cache's {@link MetricIndex}, or {@link Integer#MIN_VALUE}. */
    int get(int n) {
      int[] a = ids;
      return n < a.length ? a[n] : NONE;
    }

    private synchronized void putAll(Found found) {
      int[] a = ids;
      int max = Math.max(a.length, found.ids.length);
      int[] b = Arrays.copyOf(a, max);
      Arrays.fill(b, a.length, max, NONE);
      for (int n = 0; n < found.ids.length; n++) {
        if (found.ids[n] != NONE) b[n] = found.ids[n];
      }
      ids = b;
    }
  }

  /** Ids found for one device while resolving, by metric number ({@link Integer#MIN_VALUE}: none). */
  private static final class Found {
    int[] ids;

    Found(int size) {
      ids = new int[size];
      Arrays.fill(ids, DeviceSeries.NONE);
    }

    void set(int n, int id) {
      if (n >= ids.length) {
        int old = ids.length;
        ids = Arrays.copyOf(ids, Math.max(n + 1, 2 * old));
        Arrays.fill(ids, old, ids.length, DeviceSeries.NONE);
      }
      ids[n] = id;
    }

    int get(int n) {
      return n < ids.length ? ids[n] : DeviceSeries.NONE;
    }
  }

  /** The cached id of (device, metric), or null. */
  public Integer cached(String deviceId, String metric) {
    DeviceSeries d = cache.get(deviceId);
    int id = d == null ? DeviceSeries.NONE : d.get(metric);
    return id == DeviceSeries.NONE ? null : id;
  }

  /** The cached series of one device, or null when none is cached. */
  DeviceSeries cachedOf(String deviceId) {
    return cache.get(deviceId);
  }

  private void putAll(String deviceId, Found ids) {
    cache.computeIfAbsent(deviceId, d -> new DeviceSeries(metrics)).putAll(ids);
  }

  /** Numbers of metric names, as {@link ReadingBlock}s for this cache are packed. */
  MetricIndex metrics() {
    return metrics;
  }

  String metricName(int n) {
    return metrics.name(n);
  }

  /** Creates and caches the series the packed readings need that are not cached yet. Blocking when some are new. */
  void resolveFor(List<ReadingBlock> blocks) {
    Map<String, BitSet> missing = null;
    for (ReadingBlock b : blocks) {
      int k = 0;
      for (int r = 0; r < b.readings; r++) {
        DeviceSeries known = cache.get(b.device[r]);
        BitSet want = null;
        for (; k < b.end[r]; k++) {
          if (known != null && known.get(b.metric[k]) != DeviceSeries.NONE) continue;
          if (want == null) {
            if (missing == null) missing = new LinkedHashMap<>();
            want = missing.computeIfAbsent(b.device[r], d -> new BitSet());
          }
          want.set(b.metric[k]);
        }
      }
    }
    if (missing != null) resolve(missing);
  }

  /**
   * Creates missing series (device → metric numbers) in their own transaction (never rolled back
   * with a failed history batch, so cached ids stay valid) and caches their ids. A device met for
   * the first time since start has its stored series read in one query first (after a restart
   * nothing is created again); the rest are inserted {@value #ROWS_PER_INSERT} rows a statement,
   * each returning the ids it created (a series another node created meanwhile is read back).
   * Works on metric numbers, not maps of names: a fleet's first poll creates millions of series.
   * Blocking.
   */
  private void resolve(Map<String, BitSet> wanted) {
    Map<String, Found> found = db.write("create series", c -> {
      Map<String, Found> out = new HashMap<>();
      try (PreparedStatement many = c.prepareStatement(insertSql(ROWS_PER_INSERT));
          PreparedStatement sel = c.prepareStatement("SELECT metric, id FROM series WHERE device_id = ?")) {
        for (Map.Entry<String, BitSet> e : wanted.entrySet()) {
          String device = e.getKey();
          BitSet want = e.getValue();
          DeviceSeries cached = cache.get(device);
          Found known = new Found(want.length());
          if (cached == null) readDevice(sel, device, known);
          List<String> create = new ArrayList<>();
          for (int n = want.nextSetBit(0); n >= 0; n = want.nextSetBit(n + 1)) {
            if (known.get(n) == DeviceSeries.NONE && (cached == null || cached.get(n) == DeviceSeries.NONE)) {
              create.add(metrics.name(n));
            }
          }
          for (int from = 0; from < create.size(); from += ROWS_PER_INSERT) {
            List<String> part = create.subList(from, Math.min(create.size(), from + ROWS_PER_INSERT));
            if (part.size() == ROWS_PER_INSERT) {
              insert(many, device, part, known);
            } else {
              try (PreparedStatement tail = c.prepareStatement(insertSql(part.size()))) {
                insert(tail, device, part, known);
              }
            }
          }
          for (String metric : create) {
            if (known.get(metrics.of(metric)) == DeviceSeries.NONE) {
              readDevice(sel, device, known); // created elsewhere meanwhile
              break;
            }
          }
          out.put(device, known);
        }
      }
      return out;
    });
    found.forEach(this::putAll);
  }

  private static final int ROWS_PER_INSERT = 100;

  private static String insertSql(int rows) {
    return "INSERT INTO series (device_id, metric) VALUES " + String.join(", ", Collections.nCopies(rows, "(?, ?)"))
        + " ON CONFLICT DO NOTHING RETURNING metric, id";
  }

  private void insert(PreparedStatement st, String device, List<String> names, Found into) throws SQLException {
    int p = 1;
    for (String metric : names) {
      st.setString(p++, device);
      st.setString(p++, metric);
    }
    try (ResultSet rs = st.executeQuery()) {
      while (rs.next()) into.set(metrics.of(rs.getString(1)), rs.getInt(2));
    }
  }

  private void readDevice(PreparedStatement sel, String device, Found into) throws SQLException {
    sel.setString(1, device);
    try (ResultSet rs = sel.executeQuery()) {
      while (rs.next()) into.set(metrics.of(rs.getString(1)), rs.getInt(2));
    }
  }

  /** Looks a series up without creating it. Blocking. */
  public Optional<Integer> find(String deviceId, String metric) {
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
    if (read != null) {
      Found one = new Found(0);
      one.set(metrics.of(metric), read);
      putAll(deviceId, one);
    }
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
}
