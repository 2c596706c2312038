package io.gridwire.oig.proxy;

import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.core.port.QueueEntry;
import io.gridwire.core.port.capture.Direction;
import io.gridwire.oig.codec.FrameDecoder;
import io.gridwire.oig.codec.OigFrame;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * The backfill of one box session (SPEC §3.2): table frames answered locally while the cloud was
 * away are kept, and delivered to the cloud, oldest first, once it answers again. Does nothing when
 * backfill is off or the box id is not known yet. The queue is a store: every call on it runs on
 * the session's {@link SerialLane}, never on the {@link IoLoop}; the exchange with the cloud runs
 * on the loop. A probe thread may deliver the oldest frame to prove a new link (blocking).
 */
final class BackfillSender {
  private final ProxyContext ctx;
  private final IoLoop loop;
  private final SerialLane lane;
  private final SessionView session;
  private final SessionCapture capture;
  private final Runnable changed;
  private final AtomicLong delivered = new AtomicLong();
  private volatile boolean pending;

  /** @param changed run on the loop when frames may have come to wait (after {@link #recheck}) */
  BackfillSender(ProxyContext ctx, IoLoop loop, SerialLane lane, SessionView session, SessionCapture capture, Runnable changed) {
    this.ctx = ctx;
    this.loop = loop;
    this.lane = lane;
    this.session = session;
    this.capture = capture;
    this.changed = changed;
  }

  /** Frames this session delivered. */
  long delivered() {
    return delivered.get();
  }

  /** True while frames may wait for this box (the session then sends them while the box is idle). */
  boolean pending() {
    return pending;
  }

  /** Looks again, on the lane, whether frames wait for this box: once its id is known, and when the cloud is back. */
  void recheck() {
    if (ctx.backfill() == null) return;
    lane.submit(() -> {
      String deviceId = session.deviceId();
      pending = deviceId != null && ctx.backfill().count(deviceId) > 0;
      if (pending) loop.execute(changed);
    });
  }

  /** Keeps a table frame the gateway answered (on the lane); the oldest kept frame goes when the queue is full, with an event. */
  void keep(OigFrame frame, byte[] raw, Instant now) {
    String deviceId = session.deviceId();
    if (ctx.backfill() == null || deviceId == null) return;
    String table = frame.table() == null ? "" : frame.table();
    lane.submit(() -> {
      long lost = ctx.backfill().append(List.of(new QueueEntry.Draft(deviceId, now, table, raw)));
      pending = true;
      if (lost > 0) {
        ctx.events().publish(new Event(now, deviceId, EventType.DATA_DROPPED,
            "OIG backfill full (oig.backfill_max_frames=" + ctx.config().backfillMaxFrames() + "): oldest frame dropped",
            Map.of("dropped", Long.toString(lost), "total_dropped", Long.toString(ctx.backfill().stats().dropped()))));
      }
    });
  }

  /**
   * Sends the oldest kept frame over {@code link} (looked up on the lane, sent on the loop);
   * {@code done} learns, on the loop, the cloud's outcome, or null when nothing was sent (then
   * nothing is pending any more).
   */
  void sendOldest(CloudLink link, Consumer<CloudOutcome> done) {
    lane.submit(() -> {
      Optional<QueueEntry> found;
      try {
        found = oldest();
      } catch (RuntimeException e) {
        LoggerFactory.getLogger(BackfillSender.class).warn("OIG backfill of session {}: {}", session.id(), e.toString());
        found = Optional.empty();
      }
      Optional<QueueEntry> next = found;
      if (next.isEmpty()) pending = false;
      loop.execute(() -> {
        if (next.isEmpty()) {
          done.accept(null);
          return;
        }
        QueueEntry e = next.get();
        CloudOutcome.Down down = link.exchange(e.payload(), ctx.config().answerTimeout(), null, new CloudLink.Waiter() {
          @Override
          public void answered(byte[] raw) {
            delivered(e, raw);
            done.accept(new CloudOutcome.Answered(raw));
          }

          @Override
          public void failed(CloudOutcome outcome) {
            done.accept(outcome);
          }
        });
        if (down != null) done.accept(down);
      });
    });
  }

  /**
   * A new link counts once the cloud answers on it: the oldest kept frame is the test (true when
   * none waits). Blocking: on a probe's thread, with the channel in blocking mode.
   */
  boolean proves(SocketChannel channel, FrameDecoder decoder) {
    Optional<QueueEntry> next = oldest();
    if (next.isEmpty()) return true;
    QueueEntry e = next.get();
    if (!(CloudLink.exchangeBlocking(channel, decoder, e.payload(), ctx.config().answerTimeout()) instanceof CloudOutcome.Answered a)) {
      return false;
    }
    delivered(e, a.raw());
    return true;
  }

  /** The oldest kept frame of this box; empty also when backfill is off or the box id is unknown. */
  private Optional<QueueEntry> oldest() {
    String deviceId = session.deviceId();
    if (ctx.backfill() == null || deviceId == null) return Optional.empty();
    return ctx.backfill().oldest(deviceId);
  }

  /** Counted and captured at once; removed from the queue on the lane. */
  private void delivered(QueueEntry e, byte[] answer) {
    delivered.incrementAndGet();
    ctx.stats().backfillDelivered.increment();
    Instant now = ctx.clock().instant();
    capture.frame(Direction.BACKFILL, e.payload(), now);
    capture.frame(Direction.BACKFILL_ANSWER, answer, now);
    lane.submit(() -> ctx.backfill().remove(List.of(e.seq())));
  }
}
