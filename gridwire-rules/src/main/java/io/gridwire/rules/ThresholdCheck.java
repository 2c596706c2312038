package io.gridwire.rules;

import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import java.time.Instant;
import java.util.Map;

/** "metric below/above a limit for the hold time", with hysteresis. */
final class ThresholdCheck implements RuleCheck {
  private final String metric;
  private final HeldBound state;
  private Double last;

  ThresholdCheck(String metric, RuleCondition.Threshold condition) {
    this.metric = metric;
    this.state = new HeldBound(condition.bound(), condition.hold());
  }

  @Override
  public Decision onReading(Reading reading) {
    Value v = reading.values().get(metric);
    // Absent or no-data: keep the state (a value that cannot be read is the stale rule's business).
    Double d = v == null ? null : v.asDouble();
    if (d == null || d.isNaN()) return null;
    last = d;
    // The hold is measured on the gateway's clock, like the tick that completes it.
    return new Decision(state.update(d, reading.receivedAt()), reading.timestamp(), Map.of(metric, d));
  }

  @Override
  public Decision onTick(Instant now) {
    return state.tick(now) ? new Decision(true, now, Map.of(metric, last)) : null;
  }
}
