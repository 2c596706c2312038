package io.gridwire.rules;

import io.gridwire.core.reading.Value;
import java.util.Locale;

/**
 * A condition on another metric of the same device that must hold for a rule to apply ("while the
 * engine is stopped": {@code engine_running} equals {@code false}).
 *
 * @param metric the other metric
 * @param equals the value it must have: a number (compared numerically, booleans as 0/1),
 *     {@code true}/{@code false}, or a text (compared ignoring case)
 */
public record Guard(String metric, String equals) {
  public Guard {
    if (metric == null || metric.isBlank()) throw new IllegalArgumentException("guard metric is empty");
    if (equals == null || equals.isBlank()) throw new IllegalArgumentException("guard value is empty");
  }

  /** Whether {@code v} satisfies the guard; no-data never does. */
  public boolean holds(Value v) {
    if (v == null || v.isNoData()) return false;
    String want = equals.trim().toLowerCase(Locale.ROOT);
    Double wanted = want.equals("true") ? Double.valueOf(1) : want.equals("false") ? Double.valueOf(0) : parse(want);
    Double have = v.asDouble();
    if (wanted != null && have != null) return wanted.doubleValue() == have.doubleValue();
    return v instanceof Value.Text t && t.value().trim().equalsIgnoreCase(want);
  }

  private static Double parse(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
