package io.gridwire.oig.proxy;

import io.gridwire.core.api.HealthCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The proxy's {@code GET /health} entry. Degraded while the listener is closed, and while capture
 * or backfill drops frames: a drop counter that rose since the previous check, or within the last
 * {@link #WINDOW}, degrades it with the count and the setting to look at. Drops counted before
 * this check was created (a queue that outlives a restart) do not. Thread-safe.
 */
final class ProxyHealth implements HealthCheck {
  /** How long a drop keeps the proxy degraded after it was last seen. */
  static final Duration WINDOW = Duration.ofMinutes(15);

  private final Clock clock;
  private final BooleanSupplier listening;
  private final IntSupplier sessions;
  private final LongSupplier backfillQueued;
  private final DropCounter capture;
  private final DropCounter backfill;

  /**
   * @param captureDropped capture's drop counter, or null when capture is off
   * @param backfillDropped backfill's drop counter, or null when backfill is off
   */
  ProxyHealth(OigConfig config, OigRuntime runtime, Clock clock, BooleanSupplier listening, IntSupplier sessions, LongSupplier backfillQueued,
      LongSupplier captureDropped, LongSupplier backfillDropped) {
    this.clock = clock;
    this.listening = listening;
    this.sessions = sessions;
    this.backfillQueued = backfillQueued;
    this.capture = captureDropped == null ? null
        : new DropCounter("capture", captureDropped, "capture queue of " + runtime.captureMaxQueued() + " frames");
    this.backfill = backfillDropped == null ? null
        : new DropCounter("backfill", backfillDropped, "oig.backfill_max_frames=" + config.backfillMaxFrames());
  }

  @Override
  public synchronized Status check() {
    Instant now = clock.instant();
    List<String> problems = new ArrayList<>();
    if (!listening.getAsBoolean()) problems.add("not listening for boxes");
    for (DropCounter c : new DropCounter[] {capture, backfill}) {
      String p = c == null ? null : c.check(now);
      if (p != null) problems.add(p);
    }
    String state = "sessions " + sessions.getAsInt() + ", backfill queued " + backfillQueued.getAsLong()
        + ", dropped since start: capture " + sinceStart(capture) + ", backfill " + sinceStart(backfill);
    return new Status("oig", problems.isEmpty(), problems.isEmpty() ? state : String.join("; ", problems) + "; " + state);
  }

  private static long sinceStart(DropCounter c) {
    return c == null ? 0 : c.seen - c.baseline;
  }

  /** One drop counter and the current drop episode: from the first drop after a quiet window to a quiet window. */
  private static final class DropCounter {
    private final String what;
    private final LongSupplier source;
    private final String setting;
    private final long baseline;
    private long seen;
    private Instant lastDrop;
    private long episodeBase;
    private Instant episodeStart;

    DropCounter(String what, LongSupplier source, String setting) {
      this.what = what;
      this.source = source;
      this.setting = setting;
      this.baseline = source.getAsLong();
      this.seen = baseline;
    }

    /** The problem sentence while dropping, else null. */
    String check(Instant now) {
      long v = source.getAsLong();
      if (v > seen) {
        if (!active(now)) {
          episodeBase = seen;
          episodeStart = now;
        }
        lastDrop = now;
      }
      seen = Math.max(seen, v);
      if (!active(now)) return null;
      return what + " dropped " + (seen - episodeBase) + " frames since " + episodeStart + ", last seen " + lastDrop
          + " (" + setting + ")";
    }

    private boolean active(Instant now) {
      return lastDrop != null && now.isBefore(lastDrop.plus(WINDOW));
    }
  }
}
