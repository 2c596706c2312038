package io.gridwire.rules;

import io.gridwire.core.reading.Reading;
import java.time.Instant;
import java.util.Map;

/**
 * "No reading of the device for {@code after}": the last reading's own timestamp against the
 * clock. Any reading counts (report-by-exception sends unchanged values rarely, but still polls).
 */
final class StaleCheck implements Check {
  private final RuleCondition.Stale condition;
  private Instant lastReading;
  private boolean active;

  /** @param since baseline before the first reading (the engine's start), so a dead device alarms too */
  StaleCheck(RuleCondition.Stale condition, Instant since) {
    this.condition = condition;
    this.lastReading = since;
  }

  @Override
  public Decision onReading(Reading reading) {
    if (reading.timestamp().isAfter(lastReading)) lastReading = reading.timestamp();
    active = false;
    return new Decision(false, reading.timestamp(), values());
  }

  @Override
  public Decision onTick(Instant now) {
    if (active || now.isBefore(lastReading.plus(condition.after()))) return null;
    active = true;
    return new Decision(true, now, values());
  }

  private Map<String, Object> values() {
    return Map.of("last_reading_at", lastReading.toString());
  }
}
