package io.gridwire.oig.field;

import io.gridwire.core.reading.EntityHint;
import io.gridwire.core.reading.MetricInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gridwire's OIG field table ({@code oig-fields.tsv} next to this class): units, Home Assistant
 * classes and labels per table and field, written from protocols/oig.md §4.1. Unknown tables and
 * fields are accepted and named by the same rule, without unit. Thread-safe; the table itself is
 * immutable.
 *
 * <p>Metric names are stable snake_case: the table without {@code tbl_}, then the field in lower
 * case; battery banks above 0 ({@code ID_SubD}) get {@code _b<n>}:
 * {@code tbl_actual/ACI_WR → actual_aci_wr}, {@code tbl_batt_prms/BAT_MIN (ID_SubD 2) →
 * batt_prms_bat_min_b2}.
 */
public final class OigFieldTable {
  private static final OigFieldTable DEFAULT = load();
  /** Most metric descriptions kept made: a box sends the same few dozen fields in every frame. */
  private static final int MAX_MADE = 10_000;
  private final Map<String, OigFieldInfo> byKey;
  /**
   * Metric descriptions made so far, by table and bank, then by field (bounded: unknown names
   * from a box do not grow it without end). Two levels, so a field costs a lookup of its table
   * and bank (a small record) and one of its name, which the parser interned and whose hash is
   * kept, not a "table/field/bank" text built and hashed per field.
   */
  private final Map<TableBank, Map<String, MetricInfo>> made = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger madeCount = new java.util.concurrent.atomic.AtomicInteger();

  private record TableBank(String table, int bank) {}

  private OigFieldTable(Map<String, OigFieldInfo> byKey) {
    this.byKey = Map.copyOf(byKey);
  }

  public static OigFieldTable standard() {
    return DEFAULT;
  }

  public Optional<OigFieldInfo> lookup(String table, String field) {
    return Optional.ofNullable(byKey.get(table + '/' + field));
  }

  public int size() {
    return byKey.size();
  }

  /** The metric name of a field; {@code bank} 0 adds no suffix. */
  public static String metricName(String table, String field, int bank) {
    String t = table.startsWith("tbl_") ? table.substring(4) : table;
    String name = snake(t) + '_' + snake(field);
    return bank > 0 ? name + "_b" + bank : name;
  }

  /** Metric metadata for a field, known or not; made once per table, field and bank. */
  public MetricInfo metricInfo(String table, String field, int bank) {
    TableBank key = new TableBank(table, bank);
    Map<String, MetricInfo> fields = made.get(key);
    MetricInfo info = fields == null ? null : fields.get(field);
    if (info != null) return info;
    info = makeInfo(table, field, bank);
    if (madeCount.get() < MAX_MADE) {
      if (fields == null) fields = made.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
      if (fields.putIfAbsent(field, info) == null) madeCount.incrementAndGet();
    }
    return info;
  }

  private MetricInfo makeInfo(String table, String field, int bank) {
    String metric = metricName(table, field, bank);
    return lookup(table, field)
        .map(i -> i.toMetricInfo(metric))
        .orElseGet(() -> new MetricInfo(metric, table + " " + field, null, null, null, null,
            EntityHint.of(EntityHint.Visibility.DIAGNOSTIC)));
  }

  /** {@code 0=Home 1|1=Home 2} → code → option, in order. */
  private static Map<String, String> options(String column) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String pair : column.split("\\|")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) throw new IllegalStateException("oig-fields.tsv: option '" + pair + "' is not code=name");
      out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return out;
  }

  private static String snake(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) b.append(c < 128 && Character.isLetterOrDigit(c) ? c : '_');
    return b.toString();
  }

  private static OigFieldTable load() {
    Map<String, OigFieldInfo> map = new HashMap<>();
    try (InputStream in = OigFieldTable.class.getResourceAsStream("oig-fields.tsv")) {
      if (in == null) throw new IllegalStateException("oig-fields.tsv missing from the classpath");
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) continue;
        String[] c = line.split("\t");
        if (c.length < 7 || c.length > 8) throw new IllegalStateException("oig-fields.tsv: expected 7 or 8 columns: " + line);
        EntityHint hint = new EntityHint(EntityHint.parseVisibility(c[6]), c.length == 8 ? options(c[7]) : Map.of());
        map.put(c[0] + '/' + c[1], new OigFieldInfo(c[0], c[1], c[5], dash(c[2]), dash(c[3]), dash(c[4]), hint));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new OigFieldTable(map);
  }

  private static String dash(String s) {
    return s.equals("-") ? null : s;
  }
}
