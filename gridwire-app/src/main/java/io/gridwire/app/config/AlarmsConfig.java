package io.gridwire.app.config;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Alarms: the active list (debouncing, Home Assistant entities) and rules on any metric (docs/alarms.md). */
public record AlarmsConfig(
    @Doc("Alarm rules (a list; see the per-rule keys below).") List<AlarmRuleConfig> rules,
    @Doc("How often hold delays and stale data are checked; bounds how late such an alarm can be.") Duration rulesTick,
    @Doc("How long an alarm must be observed inactive before it clears; a bit that comes back sooner counts as a flap"
        + " instead of a new alarm. 0s clears at once.") Duration clearHold,
    @Doc("Also announce every profile alarm bit as its own Home Assistant entity; by default a device shows one"
        + " problem binary sensor and one active-alarms sensor instead.") boolean haBitEntities) {
  public AlarmsConfig {
    if (clearHold == null || clearHold.isNegative()) {
      throw new IllegalArgumentException("alarms.clear_hold must be zero or positive: " + clearHold);
    }
    rules = rules == null ? List.of() : List.copyOf(rules);
    Check.positive("alarms.rules_tick", rulesTick);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      String path = "alarms.rules[" + i + "]";
      if (rules.get(i) == null) throw new IllegalArgumentException(path + " is empty");
      String id = rules.get(i).toRule(path).id();
      if (!ids.add(id)) throw new IllegalArgumentException(path + ".id repeats an earlier rule: " + id);
    }
  }

  public static AlarmsConfig defaults() {
    return new AlarmsConfig(List.of(), Duration.ofSeconds(5), Duration.ofSeconds(10), false);
  }
}
