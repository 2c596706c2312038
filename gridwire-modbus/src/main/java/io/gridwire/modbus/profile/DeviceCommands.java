package io.gridwire.modbus.profile;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The named commands of a profile and how they are sent: each coil is written OFF, then ON for
 * {@code pulseOn}, then OFF again ({@code pulseOff} before the ON guarantees a rising edge;
 * protocols/smartgen-modbus.md §1), and a command not confirmed by the status registers within
 * {@code confirmTimeout} fails.
 *
 * @param pulseOff how long the coil stays OFF before the ON
 * @param pulseOn how long the coil stays ON
 * @param confirmTimeout how long the status may take to confirm
 * @param list the commands, in profile order
 */
public record DeviceCommands(Duration pulseOff, Duration pulseOn, Duration confirmTimeout, List<CommandDef> list) {
  public static final DeviceCommands NONE =
      new DeviceCommands(Duration.ofMillis(100), Duration.ofMillis(600), Duration.ofSeconds(30), List.of());

  public DeviceCommands {
    list = List.copyOf(list);
  }

  public Optional<CommandDef> find(String name) {
    return list.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public List<String> names() {
    return list.stream().map(CommandDef::name).toList();
  }

  /** Coil address → the commands pulsing it (a toggle coil serves two). */
  public Map<Integer, List<CommandDef>> byCoil() {
    Map<Integer, List<CommandDef>> out = new LinkedHashMap<>();
    for (CommandDef c : list) {
      for (int coil : c.coils()) out.computeIfAbsent(coil, k -> new java.util.ArrayList<>()).add(c);
    }
    return out;
  }
}
