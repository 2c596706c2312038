package io.gridwire.uplink.influx;

import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import java.time.Instant;
import java.util.Map;

/**
 * InfluxDB line protocol, pure. One reading becomes one point:
 *
 * <pre>
 * gridwire,device=gen-1,site=plant\ a,source=modbus gen_uab=400.5,running=true,mode="auto" 1767225600000000000
 * └ measurement ┘└──────── tags (sorted, empty ones left out) ────┘└──────── fields ──────────┘└ time, ns ┘
 * </pre>
 *
 * Numbers are always floats (so a field never changes type between points), booleans
 * {@code true}/{@code false}, text quoted; no-data values, NaN and infinities are left out (a field
 * cannot be null). Escaping: measurement {@code , space}; tag keys, tag values and field keys
 * {@code , = space}; string field values {@code " \}.
 */
public final class LineProtocol {
  private LineProtocol() {}

  /**
   * @param tags tag key → value, written in the map's order (pass a sorted map); empty values
   *     are skipped
   * @return the line without a newline, or null when the reading has no writable field
   */
  public static String line(String measurement, Map<String, String> tags, Reading r) {
    StringBuilder fields = new StringBuilder();
    for (Map.Entry<String, Value> e : r.values().entrySet()) {
      String v = field(e.getValue());
      if (v == null) continue;
      if (!fields.isEmpty()) fields.append(',');
      fields.append(escapeKey(e.getKey())).append('=').append(v);
    }
    if (fields.isEmpty()) return null;
    StringBuilder sb = new StringBuilder(escapeMeasurement(measurement));
    for (Map.Entry<String, String> t : tags.entrySet()) {
      if (t.getValue() == null || t.getValue().isEmpty()) continue;
      sb.append(',').append(escapeKey(t.getKey())).append('=').append(escapeKey(t.getValue()));
    }
    return sb.append(' ').append(fields).append(' ').append(nanos(r.timestamp())).toString();
  }

  static String field(Value v) {
    return switch (v) {
      case Value.Num n -> Double.isFinite(n.value()) ? Double.toString(n.value()) : null;
      case Value.Bool b -> b.value() ? "true" : "false";
      case Value.Text t -> '"' + t.value().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
      case Value.NoData ignored -> null;
    };
  }

  static String escapeMeasurement(String s) {
    return s.replace("\\", "\\\\").replace(",", "\\,").replace(" ", "\\ ").replace("\n", "\\n");
  }

  static String escapeKey(String s) {
    return escapeMeasurement(s).replace("=", "\\=");
  }

  static long nanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }
}
