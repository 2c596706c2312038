package io.gridwire.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Samples of one metric over a sliding time window and their least-squares slope. Fitting a line
 * through every sample of the window cancels noise that a difference of two samples would turn into
 * a wild rate. Not thread-safe.
 */
final class Slope {
  private record Sample(Instant t, double v) {}

  private final Duration window;
  private final Deque<Sample> samples = new ArrayDeque<>();

  /** @param window how far back samples are kept */
  Slope(Duration window) {
    this.window = window;
  }

  void add(Instant t, double v) {
    if (!samples.isEmpty() && t.isBefore(samples.peekLast().t())) return; // out of order: ignored
    samples.addLast(new Sample(t, v));
    Instant cutoff = t.minus(window);
    while (samples.peekFirst().t().isBefore(cutoff)) samples.removeFirst();
  }

  void clear() {
    samples.clear();
  }

  /**
   * The slope in units per hour, or null while the samples are fewer than 3 or span less than half
   * the window (too little to tell a trend from noise).
   */
  Double perHour() {
    if (samples.size() < 3) return null;
    Instant t0 = samples.peekFirst().t();
    if (Duration.between(t0, samples.peekLast().t()).compareTo(window.dividedBy(2)) < 0) return null;
    double n = samples.size();
    double sx = 0, sy = 0;
    for (Sample s : samples) {
      sx += hours(t0, s.t());
      sy += s.v();
    }
    double mx = sx / n, my = sy / n, num = 0, den = 0;
    for (Sample s : samples) {
      double dx = hours(t0, s.t()) - mx;
      num += dx * (s.v() - my);
      den += dx * dx;
    }
    return den == 0 ? null : num / den;
  }

  private static double hours(Instant t0, Instant t) {
    return Duration.between(t0, t).toMillis() / 3_600_000.0;
  }
}
