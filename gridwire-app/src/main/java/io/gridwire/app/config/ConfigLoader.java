package io.gridwire.app.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gridwire.core.config.Doc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Loads {@link GridwireConfig}: defaults, then the YAML file, then environment variables.
 *
 * <p>An environment variable {@code GRIDWIRE_<PATH>} overrides the key whose path, in upper snake
 * case, is {@code <PATH>}: {@code GRIDWIRE_HTTP_PORT=9090} sets {@code http.port};
 * {@code GRIDWIRE_MODBUS_DEVICES_0_PORT} sets {@code modbus.devices[0].port}. The first admin also
 * reads the short names {@code GRIDWIRE_ADMIN_EMAIL} and {@code GRIDWIRE_ADMIN_PASSWORD}. Unknown
 * keys in the file and wrong values fail at start with the key path in the message.
 */
public final class ConfigLoader {
  private static final String PREFIX = "GRIDWIRE_";
  private static final Map<String, String> ALIASES = Map.of(
      "GRIDWIRE_ADMIN_EMAIL", "auth.admin_email",
      "GRIDWIRE_ADMIN_PASSWORD", "auth.admin_password",
      "GRIDWIRE_DATA_DIR", "node.data_dir");

  private final ObjectMapper mapper;

  public ConfigLoader() {
    this.mapper = new ObjectMapper(new YAMLFactory())
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .registerModule(ConfigTypes.module())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  }

  /** The mapper configured for config trees (snake_case keys, human durations, enums by wire name). */
  public ObjectMapper mapper() {
    return mapper;
  }

  /**
   * @param file YAML file, or null for defaults only
   * @param env environment (usually {@code System.getenv()})
   */
  public GridwireConfig load(Path file, Map<String, String> env) {
    return load(file, null, env);
  }

  /**
   * Like {@link #load(Path, Map)} with a YAML text merged over the defaults, before the file and
   * the environment (the demo describes itself this way).
   */
  public GridwireConfig load(Path file, String yamlOverlay, Map<String, String> env) {
    ObjectNode tree = mapper.valueToTree(GridwireConfig.defaults());
    if (yamlOverlay != null) {
      try {
        merge(tree, (ObjectNode) mapper.readTree(yamlOverlay), "");
      } catch (IOException | ClassCastException e) {
        throw new ConfigException("built-in configuration overlay is not a YAML mapping: " + e.getMessage(), e);
      }
    }
    if (file != null) {
      if (!Files.isRegularFile(file)) throw new ConfigException("config file not found: " + file.toAbsolutePath());
      try {
        JsonNode yaml = mapper.readTree(file.toFile());
        if (yaml != null && !yaml.isMissingNode() && !yaml.isNull()) {
          if (!yaml.isObject()) throw new ConfigException(file + ": the top level must be a mapping of sections");
          merge(tree, (ObjectNode) yaml, "");
        }
      } catch (IOException e) {
        throw new ConfigException(file + ": not valid YAML: " + e.getMessage(), e);
      }
    }
    applyEnv(tree, env);
    return bind(tree);
  }

  private GridwireConfig bind(ObjectNode tree) {
    try {
      return mapper.treeToValue(tree, GridwireConfig.class);
    } catch (JsonMappingException e) {
      throw new ConfigException(describe(e), e);
    } catch (IOException e) {
      throw new ConfigException("configuration: " + e.getMessage(), e);
    }
  }

  static String describe(JsonMappingException e) {
    String[] pathAndWhy = pathAndWhy(e);
    return "configuration error at " + (pathAndWhy[0].isEmpty() ? "(top level)" : pathAndWhy[0]) + ": " + pathAndWhy[1];
  }

  /** A binding error of one sub-tree (an API body) as {@code key: problem}, the key relative to that tree. */
  public static String describeRelative(JsonMappingException e) {
    String[] pathAndWhy = pathAndWhy(e);
    return (pathAndWhy[0].isEmpty() ? "(top level)" : pathAndWhy[0]) + ": " + pathAndWhy[1];
  }

  private static String[] pathAndWhy(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
      else if (r.getIndex() >= 0) path.append('[').append(r.getIndex()).append(']');
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String why = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
    if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
      why = "unknown key '" + u.getPropertyName() + "'";
    }
    return new String[] {path.toString(), why};
  }

  /** Deep-merges {@code from} into {@code into}; objects merge, everything else replaces. */
  private static void merge(ObjectNode into, ObjectNode from, String path) {
    Iterator<Map.Entry<String, JsonNode>> it = from.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = into.get(e.getKey());
      if (existing instanceof ObjectNode o && e.getValue() instanceof ObjectNode n) {
        merge(o, n, path + e.getKey() + ".");
      } else {
        into.set(e.getKey(), e.getValue());
      }
    }
  }

  private void applyEnv(ObjectNode tree, Map<String, String> env) {
    // List indexes in numeric order (_2 before _10), so elements are appended in order.
    Map<String, String> sorted = new TreeMap<>(ConfigLoader::compareNumbersAware);
    sorted.putAll(env);
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      String name = e.getKey();
      if (!name.startsWith(PREFIX)) continue;
      String alias = ALIASES.get(name);
      if (alias != null) {
        setPath(tree, List.of(alias.split("\\.")), e.getValue(), name);
        continue;
      }
      List<String> tokens = List.of(name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).split("_"));
      List<String> path = resolve(tree, tokens, 0);
      if (path != null) setPath(tree, path, e.getValue(), name);
    }
  }

  /** Matches underscore tokens against existing keys (keys may contain underscores themselves). */
  private static List<String> resolve(JsonNode node, List<String> tokens, int from) {
    if (from == tokens.size()) return new ArrayList<>();
    if (node instanceof ArrayNode arr) {
      String t = tokens.get(from);
      if (t.isEmpty() || t.length() > 6 || !t.chars().allMatch(Character::isDigit)) return null; // a list index, 0..999999
      int i = Integer.parseInt(t);
      JsonNode child = i < arr.size() ? arr.get(i) : null;
      List<String> rest = child == null ? (from + 1 == tokens.size() ? new ArrayList<>() : null) : resolve(child, tokens, from + 1);
      if (rest == null) return null;
      rest.add(0, t);
      return rest;
    }
    if (!(node instanceof ObjectNode obj)) return null;
    for (int end = tokens.size(); end > from; end--) {
      String key = String.join("_", tokens.subList(from, end));
      if (obj.has(key)) {
        List<String> rest = resolve(obj.get(key), tokens, end);
        if (rest != null) {
          rest.add(0, key);
          return rest;
        }
      }
    }
    return null;
  }

  private static void setPath(ObjectNode tree, List<String> path, String value, String envName) {
    JsonNode node = tree;
    for (int i = 0; i < path.size() - 1; i++) {
      String k = path.get(i);
      JsonNode next = node instanceof ArrayNode a ? a.get(Integer.parseInt(k)) : node.get(k);
      if (next == null || next.isNull()) {
        next = tree.objectNode();
        if (node instanceof ObjectNode o) o.set(k, next);
      }
      node = next;
    }
    String last = path.get(path.size() - 1);
    JsonNode v = TextNode.valueOf(value);
    if (node instanceof ObjectNode o) {
      JsonNode old = o.get(last);
      if (old != null && old.isArray()) {
        throw new ConfigException(envName + " names a list; set its elements individually: " + envName + "_0, "
            + envName + "_1, …");
      }
      if (old != null && old.isObject()) {
        throw new ConfigException(envName + " names a section, not a single key; set its keys individually");
      }
      o.set(last, v);
    } else if (node instanceof ArrayNode a) {
      // An element of a list of plain values: replace it, or append the next one.
      int i = Integer.parseInt(last);
      if (i < a.size()) {
        if (a.get(i).isArray() || a.get(i).isObject()) {
          throw new ConfigException(envName + " names a list element with keys; set its keys individually");
        }
        a.set(i, v);
      } else if (i == a.size()) {
        a.add(v);
      } else {
        String base = envName.substring(0, envName.length() - last.length());
        throw new ConfigException(envName + " skips list elements: the list has " + a.size() + ", set " + base + a.size()
            + " first");
      }
    }
  }

  /** String order, except that runs of digits compare as numbers. */
  static int compareNumbersAware(String x, String y) {
    int i = 0;
    int j = 0;
    while (i < x.length() && j < y.length()) {
      char a = x.charAt(i);
      char b = y.charAt(j);
      if (Character.isDigit(a) && Character.isDigit(b)) {
        int ie = i;
        int je = j;
        while (ie < x.length() && Character.isDigit(x.charAt(ie))) ie++;
        while (je < y.length() && Character.isDigit(y.charAt(je))) je++;
        String nx = x.substring(i, ie).replaceFirst("^0+(?=.)", "");
        String ny = y.substring(j, je).replaceFirst("^0+(?=.)", "");
        int c = nx.length() != ny.length() ? Integer.compare(nx.length(), ny.length()) : nx.compareTo(ny);
        if (c != 0) return c;
        i = ie;
        j = je;
      } else {
        if (a != b) return Character.compare(a, b);
        i++;
        j++;
      }
    }
    int c = Integer.compare(x.length() - i, y.length() - j);
    return c != 0 ? c : x.compareTo(y);
  }

  /** Every key with its default, in file order, for the reference page. */
  public List<String[]> reference() {
    List<String[]> rows = new ArrayList<>();
    walk(GridwireConfig.class, mapper.valueToTree(GridwireConfig.defaults()), "", rows);
    return rows;
  }

  private static void walk(Class<?> type, JsonNode defaults, String prefix, List<String[]> rows) {
    // Scalar keys of a section first, then its sub-sections, so each table holds one section.
    for (var c : type.getRecordComponents()) {
      if (c.getType().isRecord()) continue;
      String key = PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(c.getName());
      Doc doc = c.getAnnotation(Doc.class);
      JsonNode dv = defaults == null ? null : defaults.get(key);
      String def = dv == null || dv.isNull() ? "(unset)" : dv.isTextual() ? dv.asText() : dv.toString();
      rows.add(new String[] {prefix + key, def, doc == null ? "" : doc.value(), "key"});
    }
    for (var c : type.getRecordComponents()) {
      Class<?> element = listElement(c);
      if (element == null) continue;
      String key = PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(c.getName());
      rows.add(new String[] {prefix + key + "[]", "", "Each element of " + prefix + key + ".", "section"});
      walk(element, null, prefix + key + "[].", rows);
    }
    for (var c : type.getRecordComponents()) {
      if (!c.getType().isRecord()) continue;
      String key = PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(c.getName());
      Doc doc = c.getAnnotation(Doc.class);
      rows.add(new String[] {prefix + key, "", doc == null ? "" : doc.value(), "section"});
      walk(c.getType(), defaults == null ? null : defaults.get(key), prefix + key + ".", rows);
    }
  }

  private static Class<?> listElement(java.lang.reflect.RecordComponent c) {
    if (!List.class.isAssignableFrom(c.getType())) return null;
    if (c.getGenericType() instanceof java.lang.reflect.ParameterizedType p
        && p.getActualTypeArguments()[0] instanceof Class<?> e && e.isRecord()) {
      return e;
    }
    return null;
  }
}
