package io.gridwire.oig.proxy;

import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.core.port.capture.Direction;
import io.gridwire.core.port.capture.ModeTransition;
import io.gridwire.oig.codec.FrameKind;
import io.gridwire.oig.codec.OigFrame;
import io.gridwire.oig.codec.OigFrameParser;
import io.gridwire.oig.proxy.ProxyStats.CloudFailure;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
 * <p>Threads: the session thread calls every method but {@link #mode} and the counters, which
 * any thread may read; the link's reader hands over unsolicited cloud frames; probes run on
 * short-lived virtual threads and leave a proven link in {@code probed}, which the session thread
 * adopts at its next frame.
 */
final class CloudRoute {
  private static final Logger log = LoggerFactory.getLogger(CloudRoute.class);

  private final ProxyContext ctx;
  private final SessionView session;
  private final SessionCapture capture;
  private final BackfillSender backfill;
  private final SentSettings sentSettings;
  private final Consumer<byte[]> toBox;
  private final Consumer<Instant> cloudBack;
  private final AtomicReference<CloudLink> probed = new AtomicReference<>();
  private final AtomicLong forwarded = new AtomicLong();
  private final AtomicLong modeChanges = new AtomicLong();
  private volatile SessionMode mode;
  private volatile CloudLink link;

  /**
   * @param toBox writes bytes to the box (thread-safe)
   * @param cloudBack told on the session thread when the mode becomes FORWARD
   */
  CloudRoute(ProxyContext ctx, SessionView session, SessionCapture capture, BackfillSender backfill,
      SentSettings sentSettings, Consumer<byte[]> toBox, Consumer<Instant> cloudBack) {
    this.ctx = ctx;
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

  /** The first connect: FORWARD when the cloud accepts, else OFFLINE with probing. Blocking. */
  void connect() {
    try {
      link = ctx.connector().connect("oig-cloud-" + session.id(), this::onUnsolicited);
      setMode(SessionMode.FORWARD, "cloud connected");
    } catch (IOException e) {
      ctx.stats().cloudFailure(CloudFailure.CONNECT);
      setMode(SessionMode.OFFLINE, "cloud unreachable: " + e.getMessage());
      scheduleProbe();
    }
  }

  /**
   * Forwards one box frame and passes the cloud's answer to the box; true when the cloud answered.
   * False in OFFLINE mode, and when the cloud failed now (the mode is then OFFLINE). Blocking.
   */
  boolean forward(byte[] raw) {
    CloudLink l = link;
    if (mode != SessionMode.FORWARD || l == null) return false;
    CloudOutcome outcome = l.exchange(raw, ctx.config().answerTimeout(), toBox);
    switch (outcome) {
      case CloudOutcome.Answered a -> {
        forwarded.incrementAndGet();
        ctx.stats().cloudFrames.increment();
        OigFrame answer = OigFrameParser.parse(a.raw()).frameOrNull();
        capture.frame(Direction.CLOUD, a.raw(), answer, null, ctx.clock().instant());
        if (answer != null && answer.kind() == FrameKind.SETTING) sentSettings.sent(answer);
        return true;
      }
      case CloudOutcome.TimedOut t -> goOffline(CloudFailure.TIMEOUT,
          "cloud did not answer within " + ctx.config().answerTimeout().toMillis() + " ms");
      case CloudOutcome.Down down -> goOffline(CloudFailure.LOST, "cloud connection lost: " + down.reason());
    }
    return false;
  }

  /** A line end the box sent after its frame goes to the cloud too, in FORWARD mode. */
  void passTerminator(byte[] bytes) {
    CloudLink l = link;
    if (mode == SessionMode.FORWARD && l != null) l.send(bytes);
  }

  /** True while the read should wake up every backfill interval to send backfill. */
  boolean backfillWaits() {
    return mode == SessionMode.FORWARD && backfill.pending();
  }

  /** The box is idle: sends the oldest backfilled frame in FORWARD mode. Blocking. */
  void whileIdle() {
    CloudLink l = link;
    if (mode != SessionMode.FORWARD || l == null) return;
    switch (backfill.sendOldest(l)) {
      case null -> { }
      case CloudOutcome.Answered a -> { }
      case CloudOutcome.TimedOut t -> goOffline(CloudFailure.TIMEOUT, "cloud did not answer a backfilled frame");
      case CloudOutcome.Down down -> goOffline(CloudFailure.LOST, "cloud connection lost: " + down.reason());
    }
  }

  /** At a frame boundary: takes over a link a probe proved, back to FORWARD. */
  void adoptProbed() {
    CloudLink l = probed.getAndSet(null);
    if (l == null) return;
    if (l.isDown() || mode != SessionMode.OFFLINE) {
      l.close();
      if (mode == SessionMode.OFFLINE) scheduleProbe();
      return;
    }
    link = l;
    setMode(SessionMode.FORWARD, "cloud answers again");
    backfill.recheck();
  }

  /** The box is gone: CLOSED, and every cloud socket closed. */
  void close() {
    mode = SessionMode.CLOSED;
    CloudLink l = link;
    link = null;
    if (l != null) l.close();
    Optional.ofNullable(probed.getAndSet(null)).ifPresent(CloudLink::close);
  }

  private void onUnsolicited(byte[] raw) {
    if (mode != SessionMode.FORWARD) return;
    OigFrame f = OigFrameParser.parse(raw).frameOrNull();
    // remembered before the box sees it, so its ACK (read on the session thread) finds it
    if (f != null && f.kind() == FrameKind.SETTING) sentSettings.sent(f);
    toBox.accept(raw);
    ctx.stats().cloudFrames.increment();
    capture.frame(Direction.CLOUD, raw, f, null, ctx.clock().instant());
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

  private void probe() {
    if (session.closed() || mode != SessionMode.OFFLINE) return;
    CloudLink l;
    try {
      l = ctx.connector().connect("oig-cloud-" + session.id(), this::onUnsolicited);
    } catch (IOException e) {
      ctx.stats().cloudFailure(CloudFailure.PROBE);
      log.debug("session {}: cloud still unreachable: {}", session.id(), e.getMessage());
      scheduleProbe();
      return;
    }
    if (!backfill.proves(l)) {
      ctx.stats().cloudFailure(CloudFailure.PROBE);
      l.close();
      scheduleProbe();
      return;
    }
    CloudLink old = probed.getAndSet(l);
    if (old != null) old.close();
    if (session.closed()) Optional.ofNullable(probed.getAndSet(null)).ifPresent(CloudLink::close);
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
