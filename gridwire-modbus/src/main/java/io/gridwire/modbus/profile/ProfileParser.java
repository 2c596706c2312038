package io.gridwire.modbus.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gridwire.core.reading.Deadband;
import io.gridwire.core.reading.EntityHint;
import io.gridwire.core.alarm.AlarmTable;
import io.gridwire.modbus.register.FieldType;
import io.gridwire.modbus.register.RegisterField;
import io.gridwire.modbus.register.Validity;
import io.gridwire.modbus.register.WordOrder;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a YAML register profile (format: {@code docs/modbus.md}) and checks it: every error
 * names the file, the block and the field. Stateless and thread-safe.
 */
public final class ProfileParser {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> TOP = Set.of("name", "label", "kind", "defaults", "blocks", "alarms",
      "alarm_bits", "alarm_count", "commands", "manufacturer", "model");
  private static final Set<String> BLOCK = Set.of("name", "function", "start", "count", "group", "section", "fields");
  private static final Set<String> FIELD = Set.of("name", "offset", "type", "word_order", "scale", "unit",
      "label", "device_class", "state_class", "flags", "enum", "validity", "sim", "deadband", "section", "primary", "ha");

  /** Parses and validates one profile; {@code origin} names it in messages. */
  public Profile parse(String origin, InputStream yaml) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (IOException e) {
      throw new ProfileException(origin + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    if (root == null || !root.isObject()) throw new ProfileException(origin + ": expected a YAML mapping at the top");
    Ctx ctx = new Ctx(origin, null, null);
    ctx.keys(root, TOP);
    String name = ctx.text(root, "name", true);
    JsonNode defaults = root.path("defaults");
    WordOrder order = defaults.has("word_order") ? ctx.wordOrder(defaults.get("word_order")) : WordOrder.LOW_FIRST;
    Set<Long> sentinels = defaults.has("sentinels") ? ctx.longs(defaults.get("sentinels")) : Set.of();
    JsonNode blocksNode = root.path("blocks");
    if (!blocksNode.isArray() || blocksNode.isEmpty()) throw ctx.fail("'blocks' must be a non-empty list");
    List<Block> blocks = new ArrayList<>();
    for (JsonNode b : blocksNode) blocks.add(block(ctx, b, order, sentinels));
    checkOverlaps(ctx, blocks);
    checkUniqueMetrics(ctx, blocks);
    AlarmTable alarms = new AlarmSection(origin, blocks).parse(root);
    DeviceCommands commands = new CommandSection(origin, blocks).parse(root);
    return new Profile(name, ctx.text(root, "label", false), ctx.text(root, "kind", false), origin, blocks, alarms, commands,
        ctx.text(root, "manufacturer", false), ctx.text(root, "model", false));
  }

  private Block block(Ctx top, JsonNode b, WordOrder order, Set<Long> sentinels) {
    Ctx ctx = new Ctx(top.origin, b.path("name").asText("#" + b.path("start").asText("?")), null);
    ctx.keys(b, BLOCK);
    int function = ctx.integer(b, "function", 3);
    if (function != 3 && function != 4) throw ctx.fail("function must be 3 or 4, got " + function);
    int start = ctx.integer(b, "start", -1);
    if (start < 0 || start > 65535) throw ctx.fail("start must be 0..65535, got " + start);
    int count = ctx.integer(b, "count", -1);
    if (count < 1 || count > Block.MAX_COUNT) throw ctx.fail("count must be 1.." + Block.MAX_COUNT + ", got " + count);
    if (start + count > 65536) throw ctx.fail("start + count passes register 65535");
    Group group = b.has("group") ? ctx.call(() -> Group.fromWire(b.get("group").asText())) : Group.FAST;
    List<Field> fields = new ArrayList<>();
    String section = section(ctx, b);
    for (JsonNode f : b.path("fields")) fields.add(field(ctx, f, count, order, sentinels, section));
    return new Block(ctx.block, function, start, count, group, fields);
  }

  /** A block's (or field's own) device-page section: lower-case letters, digits and '_' (e.g. electrical), or null. */
  private static String section(Ctx ctx, JsonNode node) {
    String s = ctx.text(node, "section", false);
    if (s != null && !s.matches("[a-z][a-z0-9_]{0,31}")) {
      throw ctx.fail("section must be a short lower-case name such as electrical, engine, status, alarms or counters, got '" + s + "'");
    }
    return s;
  }

  private Field field(Ctx blockCtx, JsonNode f, int count, WordOrder order, Set<Long> sentinels, String section) {
    Ctx ctx = new Ctx(blockCtx.origin, blockCtx.block, f.path("name").asText("?"));
    ctx.keys(f, FIELD);
    String name = ctx.text(f, "name", true);
    FieldType type = ctx.call(() -> FieldType.fromWire(ctx.text(f, "type", true)));
    int offset = ctx.integer(f, "offset", -1);
    if (offset < 0 || offset + type.words() > count) {
      throw ctx.fail("offset " + offset + " + " + type.words() + " word(s) is outside the block (count " + count + ")");
    }
    WordOrder wo = f.has("word_order") ? ctx.wordOrder(f.get("word_order")) : order;
    double scale = f.has("scale") ? f.get("scale").asDouble(0) : 1;
    Map<Integer, String> flags = type == FieldType.BITS ? ctx.codeMap(f, "flags") : null;
    Map<Integer, String> labels = type == FieldType.ENUM ? ctx.codeMap(f, "enum") : null;
    Validity validity = validity(ctx, f.path("validity"), type, sentinels);
    RegisterField codec = ctx.call(() -> new RegisterField(name, type, offset, wo, scale, flags, labels, validity));
    String unit = ctx.text(f, "unit", false);
    String stateClass = f.has("state_class") ? ctx.text(f, "state_class", false)
        : (type.numeric() && unit != null ? "measurement" : null);
    Deadband deadband = null;
    if (f.has("deadband")) {
      if (!type.numeric()) throw ctx.fail("deadband applies to numeric types only (flags, enums and text report every change)");
      String band = ctx.text(f, "deadband", true);
      deadband = ctx.call(() -> Deadband.parse(band, "deadband"));
    }
    JsonNode primary = f.path("primary");
    if (!primary.isMissingNode() && !primary.isBoolean()) throw ctx.fail("primary must be true or false");
    String deviceClass = ctx.text(f, "device_class", false);
    EntityHint hint = hint(ctx, f, labels, primary.asBoolean(false));
    if (hint.isEnum()) {
      if (deviceClass != null && !deviceClass.equals("enum")) throw ctx.fail("an enum field's device_class can only be enum");
      deviceClass = "enum";
    }
    return new Field(codec, ctx.text(f, "label", false), unit, deviceClass, stateClass, sim(ctx, f),
        deadband, f.has("section") ? section(ctx, f) : section, primary.asBoolean(false), hint);
  }

  /**
   * {@code ha: primary | diagnostic}; without it a key value ({@code primary: true}) is primary and
   * every other field diagnostic. An enum's labels become its options, by code.
   */
  private static EntityHint hint(Ctx ctx, JsonNode f, Map<Integer, String> labels, boolean keyValue) {
    EntityHint.Visibility v = f.has("ha")
        ? ctx.call(() -> EntityHint.parseVisibility(f.get("ha").asText()))
        : keyValue ? EntityHint.Visibility.PRIMARY : EntityHint.Visibility.DIAGNOSTIC;
    if (labels == null) return EntityHint.of(v);
    Map<String, String> options = new LinkedHashMap<>();
    new java.util.TreeMap<>(labels).values().forEach(l -> options.put(l, l));
    return new EntityHint(v, options);
  }

  private Validity validity(Ctx ctx, JsonNode v, FieldType type, Set<Long> defaults) {
    if (!type.numeric()) {
      if (!v.isMissingNode()) throw ctx.fail("validity applies to numeric types only");
      return Validity.NONE;
    }
    ctx.keys(v, Set.of("sentinels", "no_data_from", "min", "max"));
    // The profile's default sentinels (Smartgen 32766) apply to 16-bit analogue fields only, never to 32-bit halves.
    Set<Long> s = v.has("sentinels") ? ctx.longs(v.get("sentinels")) : (type.words() == 1 ? defaults : Set.of());
    return ctx.call(() -> new Validity(s, ctx.optLong(v, "no_data_from"), ctx.optLong(v, "min"), ctx.optLong(v, "max")));
  }

  private SimHint sim(Ctx ctx, JsonNode f) {
    JsonNode s = f.get("sim");
    if (s == null) return SimHint.ZERO;
    if (s.isTextual() && s.asText().equals("sentinel")) return SimHint.SENTINEL;
    if (s.isNumber()) return new SimHint(s.asDouble(), 0.02, false);
    if (s.isObject()) {
      ctx.keys(s, Set.of("value", "jitter"));
      return new SimHint(s.path("value").asDouble(), s.path("jitter").asDouble(0.02), false);
    }
    throw ctx.fail("sim must be a number, {value, jitter} or 'sentinel'");
  }

  private static void checkOverlaps(Ctx ctx, List<Block> blocks) {
    for (int i = 0; i < blocks.size(); i++) {
      for (int j = i + 1; j < blocks.size(); j++) {
        Block a = blocks.get(i);
        Block b = blocks.get(j);
        if (a.function() == b.function() && a.start() <= b.end() && b.start() <= a.end()) {
          throw new ProfileException(ctx.origin + ": block '" + b.name() + "' (" + b.start() + ".." + b.end()
              + ") overlaps block '" + a.name() + "' (" + a.start() + ".." + a.end() + ")");
        }
        if (a.name().equals(b.name())) throw new ProfileException(ctx.origin + ": block name '" + a.name() + "' used twice");
      }
    }
  }

  private static void checkUniqueMetrics(Ctx ctx, List<Block> blocks) {
    Set<String> seen = new HashSet<>();
    for (Block b : blocks) {
      for (Field f : b.fields()) {
        for (String m : f.codec().metrics()) {
          if (!seen.add(m)) {
            throw new ProfileException(ctx.origin + ": block '" + b.name() + "' field '" + f.name() + "': metric '" + m + "' defined twice");
          }
        }
      }
    }
  }

  /** Where in the file we are, for messages. */
  private record Ctx(String origin, String block, String field) {
    ProfileException fail(String msg) {
      StringBuilder where = new StringBuilder(origin).append(':');
      if (block != null) where.append(" block '").append(block).append('\'');
      if (field != null) where.append(" field '").append(field).append('\'');
      return new ProfileException(where + " " + msg);
    }

    <T> T call(java.util.function.Supplier<T> s) {
      try {
        return s.get();
      } catch (IllegalArgumentException e) {
        throw fail(e.getMessage());
      }
    }

    void keys(JsonNode n, Set<String> allowed) {
      if (n.isMissingNode()) return;
      if (!n.isObject()) throw fail("expected a mapping, got " + n.getNodeType().name().toLowerCase());
      n.fieldNames().forEachRemaining(k -> {
        if (!allowed.contains(k)) throw fail("unknown key '" + k + "' (allowed: " + new java.util.TreeSet<>(allowed) + ")");
      });
    }

    String text(JsonNode n, String key, boolean required) {
      JsonNode v = n.get(key);
      if (v == null || v.isNull()) {
        if (required) throw fail("'" + key + "' is required");
        return null;
      }
      if (!v.isValueNode()) throw fail("'" + key + "' must be a scalar");
      return v.asText();
    }

    int integer(JsonNode n, String key, int missing) {
      JsonNode v = n.get(key);
      if (v == null) {
        if (missing < 0) throw fail("'" + key + "' is required");
        return missing;
      }
      if (!v.canConvertToInt() || !v.isIntegralNumber()) throw fail("'" + key + "' must be an integer, got '" + v.asText() + "'");
      return v.asInt();
    }

    Long optLong(JsonNode n, String key) {
      JsonNode v = n.get(key);
      if (v == null) return null;
      if (!v.isIntegralNumber()) throw fail("'" + key + "' must be an integer, got '" + v.asText() + "'");
      return v.asLong();
    }

    Set<Long> longs(JsonNode n) {
      if (!n.isArray()) throw fail("sentinels must be a list of integers");
      Set<Long> out = new HashSet<>();
      for (JsonNode v : n) {
        if (!v.isIntegralNumber()) throw fail("sentinel '" + v.asText() + "' is not an integer");
        out.add(v.asLong());
      }
      return out;
    }

    WordOrder wordOrder(JsonNode n) {
      return call(() -> WordOrder.fromWire(n.asText()));
    }

    Map<Integer, String> codeMap(JsonNode f, String key) {
      JsonNode m = f.get(key);
      if (m == null || !m.isObject() || m.isEmpty()) throw fail("'" + key + "' must be a non-empty mapping of number → name");
      Map<Integer, String> out = new LinkedHashMap<>();
      m.fields().forEachRemaining(e -> {
        try {
          out.put(Integer.parseInt(e.getKey().trim()), e.getValue().asText());
        } catch (NumberFormatException ex) {
          throw fail("'" + key + "' key '" + e.getKey() + "' is not a number");
        }
      });
      return out;
    }
  }
}
