package io.gridwire.app.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Alarms: rules on any metric (docs/alarms.md). */
public record AlarmsConfig(
    @Doc("Alarm rules (a list; see the per-rule keys below).") List<AlarmRuleConfig> rules,
    @Doc("How often hold delays and stale data are checked; bounds how late such an alarm can be.") Duration rulesTick) {
  public AlarmsConfig {
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
    return new AlarmsConfig(List.of(), Duration.ofSeconds(5));
  }
}
