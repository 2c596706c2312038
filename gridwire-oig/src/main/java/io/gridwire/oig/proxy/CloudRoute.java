package io.gridwire.oig.proxy;

import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.core.port.capture.Direction;
import io.gridwire.core.port.capture.ModeTransition;
import io.gridwire.oig.codec.FrameDecoder;
import io.gridwire.oig.codec.FrameKind;
import io.gridwire.oig.codec.OigFrame;
import io.gridwire.oig.codec.OigFrameParser;
import io.gridwire.oig.proxy.ProxyStats.CloudFailure;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way from one box session to its cloud (SPEC §3.2): the mode, the cloud link, frames
 * forwarded in lock step, cloud frames nobody asked for, and probing while the cloud is away.
 *
 * <pre>
 *            cloud connect ok                 answer timeout / cloud closed / write error
 *   (new) ──────────────────▶ FORWARD ─────────────────────────────────────────────▶ OFFLINE
 *     │                          ▲                                                     │  │
 *     │ connect fails            │ probe link ready, adopted at the next frame boundary │  │ every probeInterval:
 *     └──────────────────────────┼─────────────────────────────────────────────────────▶  │ connect, deliver the
 *                                └────────────────────────────────────────────────────────┘ oldest backfill frame
 *   any mode ── box closes ──▶ CLOSED (cloud socket closed at once)
 * </pre>
 *
 * <p>Threads: the session's {@link IoLoop} calls every method but {@link #mode} and the counters,
 * which any thread may read. Probes run on short-lived virtual threads: they connect and prove a
 * link with blocking calls, then post it to the loop, which adopts it at the session's next frame.
 */
final class CloudRoute {
  private static final Logger log = LoggerFactory.getLogger(CloudRoute.class);

  private final ProxyContext ctx;
  private final IoLoop loop;
  private final SessionView session;
  private final SessionCapture capture;
  private final BackfillSender backfill;
  private final SentSettings sentSettings;
  private final Consumer<byte[]> toBox;
  private final Consumer<Instant> cloudBack;
  private final AtomicLong forwarded = new AtomicLong();
  private final AtomicLong modeChanges = new AtomicLong();
  private volatile SessionMode mode;
  private CloudLink link;
  private CloudLink probed;

  /**
   * @param toBox writes bytes to the box (on the loop)
   * @param cloudBack told on the loop when the mode becomes FORWARD again
   */
  CloudRoute(ProxyContext ctx, IoLoop loop, SessionView session, SessionCapture capture, BackfillSender backfill,
      SentSettings sentSettings, Consumer<byte[]> toBox, Consumer<Instant> cloudBack) {
    this.ctx = ctx;
    this.loop = loop;
    this.session = session;
    this.capture = capture;
    this.backfill = backfill;
    this.sentSettings = sentSettings;
    this.toBox = toBox;
    this.cloudBack = cloudBack;
  }

  /** The current mode; null while the first cloud connect is under way. */
  SessionMode mode() {
    return mode;
  }

  /** Box frames the cloud answered. */
  long forwarded() {
    return forwarded.get();
  }

  /** Mode transitions so far (not counting the first mode). */
  long modeChanges() {
    return modeChanges.get();
  }

  /**
   * The first connect's result (the channel connected by a virtual thread, or why it failed):
   * FORWARD, or OFFLINE with probing.
   */
  void connected(SocketChannel channel, IOException failure) {
    if (channel != null) {
      link = register(channel, new FrameDecoder(ctx.runtime().maxFrameBytes()));
      setMode(SessionMode.FORWARD, "cloud connected");
    } else {
      ctx.stats().cloudFailure(CloudFailure.CONNECT);
      setMode(SessionMode.OFFLINE, "cloud unreachable: " + failure.getMessage());
      scheduleProbe();
    }
  }

  /**
   * Forwards one box frame; the cloud's answer goes to the box, then {@code done} learns whether
   * the cloud answered (false: it failed, the mode is OFFLINE now). Returns false at once, without
   * telling {@code done}, in OFFLINE mode and when the link is already down (the mode is then OFFLINE).
   */
  boolean forward(byte[] raw, Consumer<Boolean> done) {
    CloudLink l = link;
    if (mode != SessionMode.FORWARD || l == null) return false;
    CloudOutcome.Down down = l.exchange(raw, ctx.config().answerTimeout(), toBox, new CloudLink.Waiter() {
      @Override
      public void answered(byte[] answerRaw) {
        forwarded.incrementAndGet();
        ctx.stats().cloudFrames.increment();
        OigFrame answer = OigFrameParser.parse(answerRaw).frameOrNull();
        capture.frame(Direction.CLOUD, answerRaw, answer, null, ctx.clock().instant());
        if (answer != null && answer.kind() == FrameKind.SETTING) sentSettings.sent(answer);
        done.accept(true);
      }

      @Override
      public void failed(CloudOutcome outcome) {
        if (session.closed()) return;
        failedNow(outcome);
        done.accept(false);
      }
    });
    if (down == null) return true;
    failedNow(down);
    return false;
  }

  /** A line end the box sent after its frame goes to the cloud too, in FORWARD mode. */
  void passTerminator(byte[] bytes) {
    CloudLink l = link;
    if (mode == SessionMode.FORWARD && l != null) l.send(bytes);
  }

  /** True while backfill waits to be sent while the box is idle. */
  boolean backfillWaits() {
    return mode == SessionMode.FORWARD && link != null && backfill.pending();
  }

  /** The box is idle: sends the oldest backfilled frame in FORWARD mode; {@code done} runs when that is over. */
  void whileIdle(Runnable done) {
    CloudLink l = link;
    if (mode != SessionMode.FORWARD || l == null) {
      done.run();
      return;
    }
    backfill.sendOldest(l, outcome -> {
      if (session.closed()) return;
      switch (outcome) {
        case null -> { }
        case CloudOutcome.Answered a -> { }
        case CloudOutcome.TimedOut t -> goOffline(CloudFailure.TIMEOUT, "cloud did not answer a backfilled frame");
        case CloudOutcome.Down down -> goOffline(CloudFailure.LOST, "cloud connection lost: " + down.reason());
      }
      done.run();
    });
  }

  /** At a frame boundary: takes over a link a probe proved, back to FORWARD. */
  void adoptProbed() {
    CloudLink l = probed;
    if (l == null) return;
    probed = null;
    if (l.isDown() || mode != SessionMode.OFFLINE) {
      l.close();
      if (mode == SessionMode.OFFLINE) scheduleProbe();
      return;
    }
    link = l;
    setMode(SessionMode.FORWARD, "cloud answers again");
    backfill.recheck();
  }

  /** The sweep: ends an exchange past its deadline. */
  void sweep(long nowNanos) {
    CloudLink l = link;
    if (l != null) l.sweep(nowNanos);
  }

  /** The box is gone: CLOSED, and every cloud socket closed. */
  void close() {
    mode = SessionMode.CLOSED;
    CloudLink l = link;
    link = null;
    if (l != null) l.close();
    if (probed != null) probed.close();
    probed = null;
  }

  private CloudLink register(SocketChannel channel, FrameDecoder decoder) {
    return CloudLink.register(loop, channel, decoder, outboxLimit(ctx), this::onUnsolicited, this::onUnsolicitedTail);
  }

  /** Bytes that may wait for a slow peer on one connection: four of the largest frames. */
  static int outboxLimit(ProxyContext ctx) {
    return 4 * ctx.runtime().maxFrameBytes();
  }

  private void failedNow(CloudOutcome outcome) {
    switch (outcome) {
      case CloudOutcome.TimedOut t -> goOffline(CloudFailure.TIMEOUT,
          "cloud did not answer within " + ctx.config().answerTimeout().toMillis() + " ms");
      case CloudOutcome.Down down -> goOffline(CloudFailure.LOST, "cloud connection lost: " + down.reason());
      case CloudOutcome.Answered a -> { }
    }
  }

  /** A frame the cloud pushed: to the box in FORWARD (true), else dropped (false). */
  private boolean onUnsolicited(byte[] raw) {
    if (mode != SessionMode.FORWARD) return false;
    OigFrame f = OigFrameParser.parse(raw).frameOrNull();
    // remembered before the box sees it, so its ACK finds it
    if (f != null && f.kind() == FrameKind.SETTING) sentSettings.sent(f);
    toBox.accept(raw);
    ctx.stats().cloudFrames.increment();
    capture.frame(Direction.CLOUD, raw, f, null, ctx.clock().instant());
    return true;
  }

  /** The CR LF of a frame the cloud pushed and the box got, read after the frame: to the box too. */
  private void onUnsolicitedTail(byte[] lineEnd) {
    toBox.accept(lineEnd);
  }

  private void goOffline(CloudFailure why, String reason) {
    ctx.stats().cloudFailure(why);
    CloudLink l = link;
    link = null;
    if (l != null) l.close();
    setMode(SessionMode.OFFLINE, reason);
    scheduleProbe();
  }

  private void scheduleProbe() {
    if (session.closed()) return;
    ctx.scheduler().afterBlocking("oig-probe-" + session.id(), ctx.config().probeInterval(), this::probe);
  }

  /** On a probe's virtual thread: connects and proves a link with blocking calls, then posts it to the loop. */
  private void probe() {
    if (session.closed() || mode != SessionMode.OFFLINE) return;
    SocketChannel ch;
    try {
      ch = ctx.connector().connect();
    } catch (IOException e) {
      ctx.stats().cloudFailure(CloudFailure.PROBE);
      log.debug("session {}: cloud still unreachable: {}", session.id(), e.getMessage());
      scheduleProbe();
      return;
    }
    FrameDecoder decoder = new FrameDecoder(ctx.runtime().maxFrameBytes());
    if (!backfill.proves(ch, decoder)) {
      ctx.stats().cloudFailure(CloudFailure.PROBE);
      IoLoop.closeQuietly(ch);
      scheduleProbe();
      return;
    }
    if (!loop.execute(() -> probed(ch, decoder))) IoLoop.closeQuietly(ch);
  }

  /** On the loop: a proven link waits for the next frame boundary. */
  private void probed(SocketChannel ch, FrameDecoder decoder) {
    if (session.closed()) {
      IoLoop.closeQuietly(ch);
      return;
    }
    CloudLink old = probed;
    probed = register(ch, decoder);
    if (old != null) old.close();
  }

  private void setMode(SessionMode to, String reason) {
    SessionMode from = mode;
    mode = to;
    if (from == to) return;
    String fromName = from == null ? "new" : from.wireName();
    Instant now = ctx.clock().instant();
    if (from != null) {
      modeChanges.incrementAndGet();
      ctx.stats().modeChanged(to);
    }
    long id = session.id();
    String deviceId = session.deviceId();
    log.info("OIG session {} ({}): {} -> {}: {}", id, deviceId == null ? session.remote() : deviceId, fromName, to.wireName(), reason);
    ctx.events().publish(new Event(now, deviceId, EventType.MODE_CHANGED,
        "OIG session " + id + " " + fromName + " -> " + to.wireName() + ": " + reason,
        Map.of("session", Long.toString(id), "from", fromName, "to", to.wireName(), "reason", reason)));
    ModeTransition t = new ModeTransition(id, deviceId, now, fromName, to.wireName(), reason);
    capture.record(s -> s.modeChanged(t));
    if (to == SessionMode.FORWARD) cloudBack.accept(now);
  }
}
