package io.gridwire.rules;

import io.gridwire.core.alarm.Severity;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One alarm rule on a metric. It raises and clears the alarm {@code rule_<id>} (class
 * {@code rule}) on every matching device separately.
 *
 * @param id snake_case id, unique among rules
 * @param name readable alarm name ("Fuel low"); defaults to the id
 * @param severity severity of the raised alarm
 * @param match which devices
 * @param metric the metric watched; may be empty for a stale rule (any reading of the device)
 * @param condition what raises it
 */
public record AlarmRule(String id, String name, Severity severity, DeviceMatch match, String metric,
    RuleCondition condition) {
  private static final Pattern ID = Pattern.compile("[a-z0-9_]{1,64}");

  public AlarmRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(condition, "condition");
    match = match == null ? DeviceMatch.ANY : match;
    metric = metric == null ? "" : metric.trim();
    name = name == null || name.isBlank() ? id : name;
    if (!ID.matcher(id).matches()) throw new IllegalArgumentException("rule id must be 1..64 of a-z 0-9 _: '" + id + "'");
    if (metric.isEmpty() && !(condition instanceof RuleCondition.Stale)) {
      throw new IllegalArgumentException("rule " + id + ": metric is empty");
    }
  }

  /** The alarm id this rule raises on each device. */
  public String alarmId() {
    return "rule_" + id;
  }
}
