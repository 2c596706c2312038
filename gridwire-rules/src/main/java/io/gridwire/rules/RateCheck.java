package io.gridwire.rules;

import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * "metric changes faster than a rate (per hour) while a guard holds": least-squares slope over the
 * window, hysteresis and hold on the slope. Samples taken before the guard became true never
 * count, so fuel burnt while running is not mistaken for a leak just after the engine stops.
 */
final class RateCheck implements RuleCheck {
  private final String metric;
  private final RuleCondition.Rate condition;
  private final Slope slope;
  private final HeldBound state;
  private boolean guardHolds;
  private Double lastValue;
  private Double lastSlope;

  RateCheck(String metric, RuleCondition.Rate condition) {
    this.metric = metric;
    this.condition = condition;
    this.slope = new Slope(condition.window());
    this.state = new HeldBound(condition.bound(), condition.hold());
    this.guardHolds = condition.guard() == null;
  }

  @Override
  public Decision onReading(Reading reading) {
    Instant t = reading.timestamp();
    if (condition.guard() != null) {
      Value g = reading.values().get(condition.guard().metric());
      // Report-by-exception: a reading without the guard metric leaves the guard as it was.
      if (g != null) {
        boolean holds = condition.guard().holds(g);
        if (holds != guardHolds) slope.clear();
        guardHolds = holds;
      }
      if (!guardHolds) {
        state.reset();
        return new Decision(false, t, values());
      }
    }
    Value v = reading.values().get(metric);
    Double d = v == null ? null : v.asDouble();
    if (d == null || d.isNaN()) return null;
    lastValue = d;
    slope.add(t, d);
    lastSlope = slope.perHour();
    if (lastSlope == null) return null;
    // The slope uses the device's timestamps (spacing of its samples); the hold uses the gateway's
    // clock, like the tick that completes it.
    return new Decision(state.update(lastSlope, reading.receivedAt()), t, values());
  }

  @Override
  public Decision onTick(Instant now) {
    return state.tick(now) ? new Decision(true, now, values()) : null;
  }

  private Map<String, Object> values() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (lastValue != null) m.put(metric, lastValue);
    if (lastSlope != null) m.put(metric + "_per_hour", Math.round(lastSlope * 1000) / 1000.0);
    return m;
  }
}
