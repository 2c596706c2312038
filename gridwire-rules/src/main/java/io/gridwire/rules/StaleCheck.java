package io.gridwire.rules;

import io.gridwire.core.reading.Reading;
import java.time.Instant;
import java.util.Map;

/**
 * "No reading of the device for {@code after}": when the gateway received the last reading against
 * the gateway's clock (never the device's own timestamp: a device clock that is off must not
 * raise or hide the alarm). Any reading counts (report-by-exception sends unchanged values rarely, but still polls).
 */
final class StaleCheck implements RuleCheck {
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
    if (reading.receivedAt().isAfter(lastReading)) lastReading = reading.receivedAt();
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
