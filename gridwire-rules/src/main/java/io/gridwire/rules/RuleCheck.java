package io.gridwire.rules;

import io.gridwire.core.reading.Reading;
import java.time.Instant;

/**
 * The state of one rule on one device. Not thread-safe: the {@link RuleEngine} serialises calls.
 * Both methods return null when nothing was decided (not enough data, or no time-driven change).
 */
interface RuleCheck {
  /** A reading of the device arrived (it may lack the rule's metric). */
  Decision onReading(Reading reading);

  /** Time passed without a reading: holds elapse, silence becomes stale. */
  Decision onTick(Instant now);

  /** Creates the check of {@code rule} for one device; {@code since} is the stale baseline. */
  static RuleCheck of(AlarmRule rule, Instant since) {
    return switch (rule.condition()) {
      case RuleCondition.Threshold t -> new ThresholdCheck(rule.metric(), t);
      case RuleCondition.Stale s -> new StaleCheck(s, since);
      case RuleCondition.Rate r -> new RateCheck(rule.metric(), r);
    };
  }
}
