package io.gridwire.rules;

import java.time.Duration;
import java.util.Objects;

/** What a rule watches for. */
public sealed interface RuleCondition {

  /**
   * The metric's value beyond a bound for at least {@code hold} ("fuel level &lt; 20 % for 10 min,
   * clears above 22 %").
   *
   * @param bound limit and hysteresis, in the metric's unit
   * @param hold how long the bound must stay breached before the alarm is raised (zero: at once)
   */
  record Threshold(Bound bound, Duration hold) implements RuleCondition {
    public Threshold {
      Objects.requireNonNull(bound, "bound");
      hold = hold == null ? Duration.ZERO : hold;
    }
  }

  /**
   * No reading at all of the device for {@code after} ("no new value for 5 min"). Any reading of the
   * device counts, changed or not, by its timestamp: with report-by-exception a steady value is
   * still a reading of the device.
   *
   * @param after silence that raises the alarm (&gt; 0); the next reading clears it
   */
  record Stale(Duration after) implements RuleCondition {
    public Stale {
      Objects.requireNonNull(after, "after");
    }
  }

  /**
   * The metric's slope, by least squares over the samples of the last {@code window}, beyond a bound
   * in units per hour ("fuel falls faster than 3 %/h while the engine is stopped").
   *
   * @param bound limit and hysteresis in metric units per hour (negative: falling)
   * @param window how far back samples count; a slope is computed once they span half of it
   * @param hold how long the slope must stay beyond the bound before the alarm is raised
   * @param guard condition on another metric of the device, or null; the window restarts when
   *     it becomes true, and the alarm clears while it is false
   */
  record Rate(Bound bound, Duration window, Duration hold, Guard guard) implements RuleCondition {
    public Rate {
      Objects.requireNonNull(bound, "bound");
      Objects.requireNonNull(window, "window");
      hold = hold == null ? Duration.ZERO : hold;
    }
  }
}
