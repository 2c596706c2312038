package io.gridwire.modbus.profile;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One named remote command of a profile (docs/commands.md): coils pulsed in order, and the status
 * values that confirm it or forbid it. Conditions map a metric to the values (as text: enum
 * labels, {@code true}/{@code false}, integers) that count.
 *
 * @param name e.g. {@code start}, {@code breaker_close}
 * @param coils FC05 coil addresses, pulsed one after the other (mute then reset: {@code [12, 17]})
 * @param appliedWhen every metric must show one of its values, read after the pulse; empty: the
 *     controller reports nothing for this command and its write echo is the only evidence
 * @param require interlock: every metric must show one of its values before the pulse
 * @param refuseWhen interlock: no metric may show one of its values before the pulse
 * @param interlockReason the operator's sentence when an interlock refuses
 * @param forceable whether an admin's {@code force} overrides the interlock
 */
public record CommandDef(String name, List<Integer> coils, Map<String, Set<String>> appliedWhen,
    Map<String, Set<String>> require, Map<String, Set<String>> refuseWhen, String interlockReason, boolean forceable) {
  public CommandDef {
    coils = List.copyOf(coils);
    appliedWhen = Map.copyOf(appliedWhen);
    require = Map.copyOf(require);
    refuseWhen = Map.copyOf(refuseWhen);
    interlockReason = interlockReason == null ? "" : interlockReason;
  }

  public boolean interlocked() {
    return !require.isEmpty() || !refuseWhen.isEmpty();
  }
}
