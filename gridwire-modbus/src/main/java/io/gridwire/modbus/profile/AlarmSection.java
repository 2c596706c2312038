package io.gridwire.modbus.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.core.alarm.AlarmDefinition;
import io.gridwire.core.alarm.AlarmTable;
import io.gridwire.core.alarm.Severity;
import io.gridwire.modbus.register.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a profile's alarm section (format: {@code docs/alarms.md}) against its decoded fields:
 *
 * <pre>
 * alarm_count: alarm_count            # the device's own count of active alarms (cross-check)
 * alarm_bits:                         # readable names, by bit name without the group prefix
 *   e_stop: Emergency stop
 *   low_oil_pressure: {name: Low oil pressure, values: [oil_pressure]}
 * alarms:
 *   - class: shutdown                 # the controller's group; metric prefix "shutdown_"
 *     severity: critical              # optional: shutdown/trip → critical, warning → warning, else info
 *     fields: [shutdown_word0]        # bits fields (every flag is an alarm) or single metrics
 *     values: [engine_speed]          # metrics that matter for every alarm of the group
 * </pre>
 *
 * Every name must exist: a missing field or metric fails naming the file, the group and the name.
 */
final class AlarmSection {
  private static final Set<String> GROUP = Set.of("class", "severity", "fields", "values");
  private final String origin;
  private final Map<String, Field> fields = new LinkedHashMap<>();
  private final Set<String> metrics = new LinkedHashSet<>();

  AlarmSection(String origin, List<Block> blocks) {
    this.origin = origin;
    for (Block b : blocks) {
      for (Field f : b.fields()) {
        fields.put(f.name(), f);
        metrics.addAll(f.codec().metrics());
      }
    }
  }

  AlarmTable parse(JsonNode root) {
    JsonNode groups = root.path("alarms");
    if (groups.isMissingNode()) return AlarmTable.EMPTY;
    if (!groups.isArray()) throw fail("'alarms' must be a list of alarm groups");
    Map<String, BitName> bits = bitNames(root.path("alarm_bits"));
    List<AlarmDefinition> out = new ArrayList<>();
    for (JsonNode g : groups) out.addAll(group(g, bits));
    String count = root.hasNonNull("alarm_count") ? root.get("alarm_count").asText() : null;
    if (count != null && !metrics.contains(count)) throw fail("'alarm_count' names metric '" + count + "' which no field defines");
    return AlarmTable.of(out, count);
  }

  private List<AlarmDefinition> group(JsonNode g, Map<String, BitName> bits) {
    String cls = g.path("class").asText(null);
    String where = "alarm group '" + (cls == null ? "?" : cls) + "'";
    if (!g.isObject()) throw fail(where + ": expected a mapping");
    g.fieldNames().forEachRemaining(k -> {
      if (!GROUP.contains(k)) throw fail(where + ": unknown key '" + k + "' (allowed: " + new java.util.TreeSet<>(GROUP) + ")");
    });
    if (cls == null || cls.isBlank()) throw fail(where + ": 'class' is required");
    Severity severity = severity(where, g.path("severity"), cls);
    List<String> values = names(where, g.path("values"), "values");
    for (String v : values) requireMetric(where, v, "values");
    List<AlarmDefinition> out = new ArrayList<>();
    List<String> fieldNames = names(where, g.path("fields"), "fields");
    if (fieldNames.isEmpty()) throw fail(where + ": 'fields' must list at least one field");
    for (String name : fieldNames) {
      for (String metric : metricsOf(where, name)) {
        String bit = metric.startsWith(cls + "_") ? metric.substring(cls.length() + 1) : metric;
        BitName n = bits.getOrDefault(bit, new BitName(humanise(bit), List.of()));
        for (String v : n.values()) requireMetric(where + " bit '" + bit + "'", v, "values");
        List<String> all = new ArrayList<>(new LinkedHashSet<>(concat(n.values(), values)));
        out.add(new AlarmDefinition(metric, metric, n.name(), severity, cls, all));
      }
    }
    return out;
  }

  private List<String> metricsOf(String where, String name) {
    Field f = fields.get(name);
    if (f != null && f.codec().type() == FieldType.BITS) return f.codec().metrics();
    if (f != null || metrics.contains(name)) return List.of(name);
    throw fail(where + ": field '" + name + "' does not exist in any block");
  }

  private void requireMetric(String where, String metric, String key) {
    if (!metrics.contains(metric)) throw fail(where + ": '" + key + "' names metric '" + metric + "' which no field defines");
  }

  private Severity severity(String where, JsonNode n, String cls) {
    if (n.isMissingNode()) return defaultSeverity(cls);
    try {
      return Severity.fromWire(n.asText());
    } catch (IllegalArgumentException e) {
      throw fail(where + ": " + e.getMessage());
    }
  }

  /** Shutdown and trip stop or protect the set (critical); a warning asks for action soon; the rest informs. */
  static Severity defaultSeverity(String cls) {
    String c = cls.toLowerCase(Locale.ROOT);
    if (c.contains("shutdown") || c.contains("trip")) return Severity.CRITICAL;
    if (c.contains("warning")) return Severity.WARNING;
    return Severity.INFO;
  }

  /** A readable name and the metrics that matter for one alarm bit. */
  private record BitName(String name, List<String> values) {}

  private Map<String, BitName> bitNames(JsonNode n) {
    Map<String, BitName> out = new LinkedHashMap<>();
    if (n.isMissingNode()) return out;
    if (!n.isObject()) throw fail("'alarm_bits' must be a mapping of bit name → name or {name, values}");
    n.fields().forEachRemaining(e -> {
      JsonNode v = e.getValue();
      String where = "alarm bit '" + e.getKey() + "'";
      if (v.isValueNode()) out.put(e.getKey(), new BitName(v.asText(), List.of()));
      else out.put(e.getKey(), new BitName(v.path("name").asText(humanise(e.getKey())), names(where, v.path("values"), "values")));
    });
    return out;
  }

  private List<String> names(String where, JsonNode n, String key) {
    if (n.isMissingNode()) return List.of();
    if (!n.isArray()) throw fail(where + ": '" + key + "' must be a list of names");
    List<String> out = new ArrayList<>();
    for (JsonNode v : n) out.add(v.asText());
    return out;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** {@code low_oil_pressure} → "Low oil pressure". */
  static String humanise(String bit) {
    String s = bit.replace('_', ' ').trim();
    return s.isEmpty() ? bit : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private ProfileException fail(String msg) {
    return new ProfileException(origin + ": " + msg);
  }
}
