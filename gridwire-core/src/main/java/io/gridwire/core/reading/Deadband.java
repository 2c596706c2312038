package io.gridwire.core.reading;

import java.util.Locale;

/**
 * How far a number must move from the value last reported before it is reported again (report
 * by exception). A change passes when {@code |next - last| > max(absolute, relative × |last|)};
 * with both zero, any change passes ({@link #ANY_CHANGE}).
 *
 * @param absolute band in the metric's unit, ≥ 0
 * @param relative band as a fraction of the last reported value (0.02 = 2 %), ≥ 0
 */
public record Deadband(double absolute, double relative) {
  /** Every change passes. */
  public static final Deadband ANY_CHANGE = new Deadband(0, 0);

  public Deadband {
    if (!(absolute >= 0) || Double.isInfinite(absolute)) throw new IllegalArgumentException("deadband must be a finite number ≥ 0: " + absolute);
    if (!(relative >= 0) || Double.isInfinite(relative)) throw new IllegalArgumentException("deadband must be a finite percentage ≥ 0: " + relative);
  }

  /**
   * Parses {@code "0.5"} (absolute, in the metric's unit) or {@code "2%"} (relative).
   *
   * @param keyPath configuration path for the error message
   */
  public static Deadband parse(String text, String keyPath) {
    if (text == null || text.isBlank()) throw new IllegalArgumentException(keyPath + " is empty (a number such as 0.5, or a percentage such as 2%)");
    String t = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("%")) return new Deadband(0, Double.parseDouble(t.substring(0, t.length() - 1).strip()) / 100.0);
      return new Deadband(Double.parseDouble(t), 0);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(keyPath + " is not a number or a percentage (0.5, 2%): " + text);
    }
  }

  /** True when {@code next} differs from {@code last} by more than this band (NaN always passes). */
  public boolean exceeded(double last, double next) {
    if (absolute == 0 && relative == 0) return Double.doubleToLongBits(last) != Double.doubleToLongBits(next);
    double band = Math.max(absolute, relative * Math.abs(last));
    double d = Math.abs(next - last);
    return !(d <= band);
  }

  /** The band as written in configuration: {@code 0.5} or {@code 2%}. */
  @Override
  public String toString() {
    return relative > 0 ? trim(relative * 100) + "%" : trim(absolute);
  }

  private static String trim(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
