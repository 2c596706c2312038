package io.gridwire.oig.proxy;

import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.core.port.QueueEntry;
import io.gridwire.core.port.capture.Direction;
import io.gridwire.oig.codec.OigFrame;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The backfill of one box session (SPEC §3.2): table frames answered locally while the cloud was
 * away are kept, and delivered to the cloud, oldest first, once it answers again. Does nothing when
 * backfill is off or the box id is not known yet. The session thread keeps and sends; a probe
 * thread may deliver the oldest frame to prove a new link.
 */
final class BackfillSender {
  private final ProxyContext ctx;
  private final SessionView session;
  private final SessionCapture capture;
  private final AtomicLong delivered = new AtomicLong();
  private volatile boolean pending;

  BackfillSender(ProxyContext ctx, SessionView session, SessionCapture capture) {
    this.ctx = ctx;
    this.session = session;
    this.capture = capture;
  }

  /** Frames this session delivered. */
  long delivered() {
    return delivered.get();
  }

  /** True while frames may wait for this box (the read then wakes up every backfill interval). */
  boolean pending() {
    return pending;
  }

  /** Looks again whether frames wait for this box: once its id is known, and when the cloud is back. */
  void recheck() {
    String deviceId = session.deviceId();
    pending = ctx.backfill() != null && deviceId != null && ctx.backfill().count(deviceId) > 0;
  }

  /** Keeps a table frame the gateway answered; the oldest kept frame goes when the queue is full, with an event. */
  void keep(OigFrame frame, byte[] raw, Instant now) {
    String deviceId = session.deviceId();
    if (ctx.backfill() == null || deviceId == null) return;
    String table = frame.table() == null ? "" : frame.table();
    long lost = ctx.backfill().append(List.of(new QueueEntry.Draft(deviceId, now, table, raw)));
    pending = true;
    if (lost > 0) {
      ctx.events().publish(new Event(now, deviceId, EventType.DATA_DROPPED,
          "OIG backfill full (oig.backfill_max_frames=" + ctx.config().backfillMaxFrames() + "): oldest frame dropped",
          Map.of("dropped", Long.toString(lost), "total_dropped", Long.toString(ctx.backfill().stats().dropped()))));
    }
  }

  /**
   * Sends the oldest kept frame over {@code link} and waits for the cloud's answer (blocking, up to
   * the answer timeout). Null when nothing was sent; then nothing is pending any more.
   */
  CloudOutcome sendOldest(CloudLink link) {
    Optional<QueueEntry> next = oldest();
    if (next.isEmpty()) {
      pending = false;
      return null;
    }
    return deliver(link, next.get());
  }

  /** A new link counts once the cloud answers on it: the oldest kept frame is the test (true when none waits). */
  boolean proves(CloudLink link) {
    Optional<QueueEntry> next = oldest();
    return next.isEmpty() || deliver(link, next.get()) instanceof CloudOutcome.Answered;
  }

  /** The oldest kept frame of this box; empty also when backfill is off or the box id is unknown. */
  private Optional<QueueEntry> oldest() {
    String deviceId = session.deviceId();
    if (ctx.backfill() == null || deviceId == null) return Optional.empty();
    return ctx.backfill().oldest(deviceId);
  }

  private CloudOutcome deliver(CloudLink link, QueueEntry e) {
    CloudOutcome outcome = link.exchange(e.payload(), ctx.config().answerTimeout(), null);
    if (outcome instanceof CloudOutcome.Answered a) {
      ctx.backfill().remove(List.of(e.seq()));
      delivered.incrementAndGet();
      ctx.stats().backfillDelivered.increment();
      Instant now = ctx.clock().instant();
      capture.frame(Direction.BACKFILL, e.payload(), now);
      capture.frame(Direction.BACKFILL_ANSWER, a.raw(), now);
    }
    return outcome;
  }
}
