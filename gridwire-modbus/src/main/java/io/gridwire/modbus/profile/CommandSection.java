package io.gridwire.modbus.profile;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a profile's {@code commands} section (format: docs/commands.md) and checks that every
 * metric it names is a field of the profile. Errors name the file and the command.
 *
 * <pre>
 * commands:
 *   pulse: {off_ms: 100, on_ms: 600}
 *   confirm_timeout_s: 30
 *   list:
 *     - {name: start, coils: [0], applied_when: {gen_status_name: [cranking, running]},
 *        refuse_when: {alarm_shutdown: [true]}, interlock_reason: "a shutdown alarm is active", forceable: true}
 * </pre>
 */
final class CommandSection {
  private static final Set<String> TOP = Set.of("pulse", "confirm_timeout_s", "list");
  private static final Set<String> ITEM = Set.of("name", "coils", "applied_when", "require", "refuse_when",
      "interlock_reason", "forceable");

  private final String origin;
  private final Set<String> metrics = new HashSet<>();

  CommandSection(String origin, List<Block> blocks) {
    this.origin = origin;
    for (Block b : blocks) {
      for (Field f : b.fields()) {
        metrics.add(f.name());
        f.metricInfos().forEach(m -> metrics.add(m.name()));
      }
    }
  }

  DeviceCommands parse(JsonNode root) {
    JsonNode c = root.get("commands");
    if (c == null || c.isNull()) return DeviceCommands.NONE;
    if (!c.isObject()) throw fail("'commands' must be a mapping");
    keys(c, TOP, "commands");
    JsonNode pulse = c.path("pulse");
    Duration off = Duration.ofMillis(range(pulse.path("off_ms").asLong(100), 0, 10_000, "commands.pulse.off_ms"));
    Duration on = Duration.ofMillis(range(pulse.path("on_ms").asLong(600), 10, 10_000, "commands.pulse.on_ms"));
    Duration confirm = Duration.ofSeconds(range(c.path("confirm_timeout_s").asLong(30), 1, 600, "commands.confirm_timeout_s"));
    List<CommandDef> list = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonNode item : c.path("list")) {
      CommandDef d = item(item);
      if (!names.add(d.name())) throw fail("command '" + d.name() + "' is listed twice");
      list.add(d);
    }
    return new DeviceCommands(off, on, confirm, list);
  }

  private CommandDef item(JsonNode n) {
    String name = n.path("name").asText("");
    if (!name.matches("[a-z][a-z0-9_]{0,39}")) throw fail("command name must be [a-z][a-z0-9_]*, got '" + name + "'");
    keys(n, ITEM, "command " + name);
    List<Integer> coils = new ArrayList<>();
    for (JsonNode coil : n.path("coils")) coils.add((int) range(coil.asLong(-1), 0, 65535, "command " + name + " coil"));
    if (coils.isEmpty()) throw fail("command " + name + " needs 'coils'");
    return new CommandDef(name, coils, conditions(n.path("applied_when"), name), conditions(n.path("require"), name),
        conditions(n.path("refuse_when"), name), n.path("interlock_reason").asText(null), n.path("forceable").asBoolean(false));
  }

  private Map<String, Set<String>> conditions(JsonNode n, String command) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    if (n.isMissingNode() || n.isNull()) return out;
    if (!n.isObject()) throw fail("command " + command + ": conditions must map a metric to a list of values");
    n.fields().forEachRemaining(e -> {
      if (!metrics.contains(e.getKey())) throw fail("command " + command + " names unknown metric '" + e.getKey() + "'");
      Set<String> values = new LinkedHashSet<>();
      e.getValue().forEach(v -> values.add(v.asText()));
      if (values.isEmpty()) throw fail("command " + command + ": metric " + e.getKey() + " lists no values");
      out.put(e.getKey(), values);
    });
    return out;
  }

  private void keys(JsonNode n, Set<String> allowed, String where) {
    n.fieldNames().forEachRemaining(k -> {
      if (!allowed.contains(k)) throw fail(where + ": unknown key '" + k + "' (allowed: " + allowed + ")");
    });
  }

  private long range(long v, long min, long max, String what) {
    if (v < min || v > max) throw fail(what + " must be " + min + ".." + max + ", got " + v);
    return v;
  }

  private ProfileException fail(String message) {
    return new ProfileException(origin + ": " + message);
  }
}
