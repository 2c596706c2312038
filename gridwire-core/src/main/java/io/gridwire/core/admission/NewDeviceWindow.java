package io.gridwire.core.admission;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * A sliding one-minute window of new devices: at most {@code max} within any 60 s. Memory is
 * bounded by {@code max} instants. Not thread-safe (its {@link SourceGate} serialises it).
 */
final class NewDeviceWindow {
  private static final Duration WINDOW = Duration.ofMinutes(1);
  private final int max;
  private final ArrayDeque<Instant> recent = new ArrayDeque<>();

  NewDeviceWindow(int max) {
    this.max = max;
  }

  /** True, and the new device counted, when fewer than {@code max} came within the last minute. */
  boolean tryAdd(Instant now) {
    Instant horizon = now.minus(WINDOW);
    while (!recent.isEmpty() && !recent.peekFirst().isAfter(horizon)) recent.pollFirst();
    if (recent.size() >= max) return false;
    recent.addLast(now);
    return true;
  }
}
