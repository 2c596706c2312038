package io.gridwire.oig.proxy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Notices a stalled box connection: no complete frame for {@code oig.idle_timeout}, or a frame
 * begun and not finished within {@code oig.partial_frame_timeout} (a peer trickling a byte a
 * second). Bytes that are not frames (noise dropped while resynchronising) do not keep a
 * connection alive. Its session's {@link IoLoop} updates and checks it.
 */
final class StallWatch {

  /** Why a connection was closed as stalled. */
  enum Stall {
    IDLE,
    PARTIAL_FRAME
  }

  private final Duration idle;
  private final Duration partial;
  /** The deadlines themselves, so a {@link #check} (every sweep, for every connection) only compares. */
  private volatile Instant idleDeadline;
  /** Null while no unfinished frame is buffered. */
  private volatile Instant partialDeadline;

  StallWatch(Duration idle, Duration partial, Clock clock) {
    this.idle = idle;
    this.partial = partial;
    this.idleDeadline = clock.instant().plus(idle);
  }

  /** A complete frame arrived. */
  void frame(Instant at) {
    idleDeadline = at.plus(idle);
    partialDeadline = null;
  }

  /** After a read: {@code buffered} bytes of an unfinished frame are waiting. */
  void buffered(int buffered, Instant now) {
    if (buffered == 0) partialDeadline = null;
    else if (partialDeadline == null) partialDeadline = now.plus(partial);
  }

  /** The stall, or null while the connection is fine. */
  Stall check(Instant now) {
    Instant p = partialDeadline;
    if (p != null && !now.isBefore(p)) return Stall.PARTIAL_FRAME;
    if (!now.isBefore(idleDeadline)) return Stall.IDLE;
    return null;
  }

  /** The operator sentence for a stall. */
  String describe(Stall s) {
    return s == Stall.IDLE
        ? "no complete frame for " + idle.toSeconds() + " s (oig.idle_timeout)"
        : "a frame begun and not finished within " + partial.toMillis() + " ms (oig.partial_frame_timeout)";
  }
}
