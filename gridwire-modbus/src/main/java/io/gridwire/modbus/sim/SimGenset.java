package io.gridwire.modbus.sim;

import io.gridwire.modbus.profile.CommandDef;
import io.gridwire.modbus.profile.DeviceCommands;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a simulated controller obey its profile's command coils: the rising edge of a command's
 * last coil sets the status its {@code applied_when} names (a start shows {@code running}, a
 * breaker close {@code closed}), as a real controller would. A command whose {@code refuse_when}
 * holds is ignored (a controller does not start during a shutdown alarm), so the gateway's
 * confirmation fails as it would on site. A coil two commands share toggles. {@code alarm_reset}
 * also clears every alarm bit and every {@code alarm_*} summary flag. Thread-safe.
 */
final class SimGenset {
  private static final Logger log = LoggerFactory.getLogger(SimGenset.class);
  private final ProfileSimulator values;
  private final Map<Integer, List<CommandDef>> byCoil;

  SimGenset(ProfileSimulator values) {
    this.values = values;
    DeviceCommands commands = values.profile().commands();
    this.byCoil = commands.byCoil();
  }

  /** A coil went ON. */
  void onRise(int coil) {
    List<CommandDef> candidates = byCoil.getOrDefault(coil, List.of()).stream()
        .filter(c -> c.coils().getLast() == coil).toList();
    if (candidates.isEmpty()) return;
    CommandDef c = candidates.size() == 1 ? candidates.getFirst()
        : candidates.stream().filter(d -> !holds(d.appliedWhen())).findFirst().orElse(candidates.getFirst());
    if (any(c.refuseWhen())) {
      log.info("simulated controller ignores {}: {}", c.name(), c.interlockReason());
      return;
    }
    if (c.name().equals("alarm_reset")) resetAll();
    for (Map.Entry<String, Set<String>> e : c.appliedWhen().entrySet()) {
      String target = e.getValue().stream().reduce((a, b) -> b).orElseThrow();
      if (target.equals("true") || target.equals("false")) values.setFlag(e.getKey(), Boolean.parseBoolean(target));
      else values.setLabel(e.getKey(), target);
    }
  }

  /** Every alarm bit and every {@code alarm_*} summary flag of the status word off. */
  private void resetAll() {
    values.resetAlarms();
    for (io.gridwire.modbus.profile.Block b : values.profile().blocks()) {
      for (io.gridwire.modbus.profile.Field f : b.fields()) {
        for (String flag : f.codec().flags().values()) {
          if (flag.startsWith("alarm_")) values.setFlag(flag, false);
        }
      }
    }
  }

  private boolean holds(Map<String, Set<String>> conditions) {
    return conditions.entrySet().stream().allMatch(e -> e.getValue().contains(values.current(e.getKey())));
  }

  private boolean any(Map<String, Set<String>> conditions) {
    return conditions.entrySet().stream().anyMatch(e -> e.getValue().contains(values.current(e.getKey())));
  }
}
