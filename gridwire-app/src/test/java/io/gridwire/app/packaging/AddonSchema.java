package io.gridwire.app.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Home Assistant's add-on option schema language, as the Supervisor applies it to
 * {@code options}: {@code str bool int float email url port password}, {@code int(min,max)},
 * {@code float(min,max)}, {@code str(min,max)}, {@code match(regex)}, {@code list(a|b)}, a trailing
 * {@code ?} for optional, a one-element list for a list, a map for a dictionary. {@link #check}
 * returns every violation found (empty when the value conforms).
 */
final class AddonSchema {
  private static final Pattern TYPE = Pattern.compile("(str|bool|int|float|email|url|port|password|match|list)(?:\\((.*)\\))?(\\?)?");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private AddonSchema() {}

  /** Violations of {@code options} against {@code schema}, each with its key path. */
  static List<String> check(JsonNode schema, JsonNode options) {
    List<String> out = new ArrayList<>();
    dict("", schema, options, out);
    return out;
  }

  /** Whether a schema type string is one the Supervisor knows. */
  static boolean knownType(String type) {
    return TYPE.matcher(type).matches();
  }

  private static void dict(String path, JsonNode schema, JsonNode value, List<String> out) {
    if (!value.isObject()) {
      out.add(path + ": expected a dictionary");
      return;
    }
    Set<String> seen = new HashSet<>();
    value.fieldNames().forEachRemaining(k -> {
      seen.add(k);
      if (!schema.has(k)) out.add(path + k + ": not in the schema");
      else node(path + k, schema.get(k), value.get(k), out);
    });
    schema.fieldNames().forEachRemaining(k -> {
      JsonNode s = schema.get(k);
      boolean optional = s.isTextual() && s.asText().endsWith("?");
      if (!seen.contains(k) && !optional && !s.isArray()) out.add(path + k + ": required and missing");
    });
  }

  private static void node(String path, JsonNode schema, JsonNode value, List<String> out) {
    if (schema.isArray()) {
      if (!value.isArray()) {
        out.add(path + ": expected a list");
        return;
      }
      for (int i = 0; i < value.size(); i++) {
        JsonNode element = schema.get(0);
        if (element.isObject()) dict(path + "[" + i + "].", element, value.get(i), out);
        else node(path + "[" + i + "]", element, value.get(i), out);
      }
    } else if (schema.isObject()) {
      dict(path + ".", schema, value, out);
    } else {
      scalar(path, schema.asText(), value, out);
    }
  }

  private static void scalar(String path, String type, JsonNode v, List<String> out) {
    Matcher m = TYPE.matcher(type);
    if (!m.matches()) {
      out.add(path + ": unknown schema type " + type);
      return;
    }
    String arg = m.group(2);
    boolean ok = switch (m.group(1)) {
      case "bool" -> v.isBoolean();
      case "int" -> v.isIntegralNumber() && within(v.asDouble(), arg);
      case "float" -> v.isNumber() && within(v.asDouble(), arg);
      case "port" -> v.isIntegralNumber() && v.asInt() >= 1 && v.asInt() <= 65535;
      case "email" -> v.isTextual() && EMAIL.matcher(v.asText()).matches();
      case "url" -> v.isTextual() && v.asText().matches("[a-z][a-z0-9+.-]*://\\S+");
      case "match" -> v.isTextual() && Pattern.compile(arg).matcher(v.asText()).matches();
      case "list" -> v.isTextual() && List.of(arg.split("\\|")).contains(v.asText());
      default -> v.isTextual() && (arg == null || within(v.asText().length(), arg)); // str, password
    };
    if (!ok) out.add(path + ": " + v + " is not a valid " + type);
  }

  private static boolean within(double x, String range) {
    if (range == null) return true;
    String[] r = range.split(",", -1);
    return (r[0].isBlank() || x >= Double.parseDouble(r[0])) && (r.length < 2 || r[1].isBlank() || x <= Double.parseDouble(r[1]));
  }
}
