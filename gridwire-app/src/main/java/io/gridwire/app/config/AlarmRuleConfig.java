package io.gridwire.app.config;

import io.gridwire.core.alarm.Severity;
import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import io.gridwire.rules.AlarmRule;
import io.gridwire.rules.Bound;
import io.gridwire.rules.DeviceMatch;
import io.gridwire.rules.Guard;
import io.gridwire.rules.RuleCondition;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** One alarm rule on a metric (see docs/alarms.md, Rules). */
public record AlarmRuleConfig(
    @Doc("Rule id (required), snake_case; the alarm id is rule_<id>.") String id,
    @Doc("Alarm name shown to operators (default: the id).") String name,
    @Doc("critical, warning or info (default warning).") String severity,
    @Doc("threshold, stale or rate (required).") String type,
    @Doc("Metric watched (required, except for stale: empty = any reading of the device).") String metric,
    @Doc("Device ids the rule applies to (empty = all).") List<String> devices,
    @Doc("Site codes the rule applies to (empty = all).") List<String> sites,
    @Doc("Device kinds the rule applies to, e.g. generator (empty = all).") List<String> kinds,
    @Doc("threshold: raise when the value is below this; rate: when the slope (units per hour) is below this, e.g. -3. One of below/above.") Double below,
    @Doc("threshold: raise when the value is above this; rate: when the slope (units per hour) is above this.") Double above,
    @Doc("Hysteresis: clears only once past this (default: the below/above limit), e.g. below 20, clear_at 22.") Double clearAt,
    @Doc("threshold, rate: how long the limit must stay breached before the alarm is raised (default 0s).") Duration hold,
    @Doc("stale: silence that raises the alarm: no reading at all of the device for this long.") Duration staleAfter,
    @Doc("rate: least-squares window (default 1h); a slope is computed once samples span half of it.") Duration window,
    @Doc("rate: only while this other metric of the device ...") String whileMetric,
    @Doc("... has this value (number, true/false or text), e.g. engine_running = false.") String whileEquals) {

  /** The rule, validated; messages start with {@code path} ({@code alarms.rules[2]}). */
  public AlarmRule toRule(String path) {
    Check.nonBlank(path + ".id", id);
    if (!id.matches("[a-z0-9_]{1,64}")) throw new IllegalArgumentException(path + ".id must be 1..64 of a-z 0-9 _: " + id);
    Severity sev;
    try {
      sev = severity == null ? Severity.WARNING : Severity.fromWire(severity);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ".severity: " + e.getMessage());
    }
    String t = type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
    RuleCondition condition = switch (t) {
      case "threshold" -> new RuleCondition.Threshold(bound(path), nonNegative(path + ".hold", hold));
      case "stale" -> new RuleCondition.Stale(Check.positive(path + ".stale_after", staleAfter));
      case "rate" -> new RuleCondition.Rate(bound(path),
          window == null ? Duration.ofHours(1) : Check.positive(path + ".window", window),
          nonNegative(path + ".hold", hold), guard(path));
      default -> throw new IllegalArgumentException(path + ".type must be threshold, stale or rate: " + type);
    };
    if (!t.equals("stale") && (metric == null || metric.isBlank())) {
      throw new IllegalArgumentException(path + ".metric is empty");
    }
    return new AlarmRule(id, name, sev, new DeviceMatch(devices, sites, kinds), metric, condition);
  }

  private Bound bound(String path) {
    if ((below == null) == (above == null)) throw new IllegalArgumentException(path + ": set exactly one of below and above");
    return below != null ? Bound.of(path, Bound.Direction.BELOW, below, clearAt) : Bound.of(path, Bound.Direction.ABOVE, above, clearAt);
  }

  private Guard guard(String path) {
    boolean m = whileMetric != null && !whileMetric.isBlank();
    boolean v = whileEquals != null && !whileEquals.isBlank();
    if (m != v) throw new IllegalArgumentException(path + ": while_metric and while_equals go together");
    return m ? new Guard(whileMetric, whileEquals) : null;
  }

  private static Duration nonNegative(String key, Duration d) {
    if (d != null && d.isNegative()) throw new IllegalArgumentException(key + " must not be negative: " + d);
    return d;
  }
}
