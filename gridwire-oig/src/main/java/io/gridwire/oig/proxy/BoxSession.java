package io.gridwire.oig.proxy;

import io.gridwire.core.admission.Admission;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.oig.backfill.BackfillEntry;
import io.gridwire.oig.capture.CapturedFrame;
import io.gridwire.oig.capture.Direction;
import io.gridwire.oig.capture.ModeTransition;
import io.gridwire.oig.codec.Decoded;
import io.gridwire.oig.codec.FrameDecoder;
import io.gridwire.oig.codec.FrameKind;
import io.gridwire.oig.codec.OigFrame;
import io.gridwire.oig.codec.OigFrameParser;
import io.gridwire.oig.codec.Piece;
import io.gridwire.oig.proxy.ProxyStats.CloudFailure;
import io.gridwire.oig.proxy.ProxyStats.ParseError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One box connection (SPEC §3.2). The box connection is never closed because of the cloud.
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
 * FORWARD: each box frame goes to the cloud unchanged and the cloud's answer comes back unchanged;
 * while the box is idle, backfilled frames go to the cloud at most one per backfill interval.
 * OFFLINE: the gateway answers as the cloud would ({@link LocalAnswers}) and keeps table frames
 * for backfill. In both modes box frames become readings.
 *
 * <p>Threads: the session's own virtual thread reads the box; the {@link CloudLink} has its
 * reader; probes run on short-lived virtual threads. Box writes are serialised by a lock.
 */
final class BoxSession implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(BoxSession.class);

  private final long id;
  private final Socket box;
  private final ProxyContext ctx;
  private final Runnable onClose;
  private final Instant opened;
  private final ReentrantLock boxWrite = new ReentrantLock();
  private final AtomicReference<CloudLink> probed = new AtomicReference<>();
  /**
   * Cloud Settings sent to the box and not yet confirmed, oldest first: the box's ACK does not
   * name its setting, and the box confirms in order. Bounded; the oldest unconfirmed is forgotten.
   */
  private final java.util.ArrayDeque<OigFrame> settingsSent = new java.util.ArrayDeque<>();
  private static final int MAX_UNCONFIRMED_SETTINGS = 16;
  private final AtomicLong boxFrames = new AtomicLong();
  private final AtomicLong forwarded = new AtomicLong();
  private final AtomicLong answeredLocally = new AtomicLong();
  private final AtomicLong backfilled = new AtomicLong();
  private final AtomicLong modeChanges = new AtomicLong();
  private OutputStream boxOut;
  private volatile SessionMode mode;
  private volatile CloudLink link;
  private volatile String deviceId;
  private volatile Instant lastFrame;
  private volatile boolean closed;
  private volatile boolean backfillPending;
  /** The admission of the box id of the last frame that carried one; frames without an id follow it. */
  private volatile Admission admission = new Admission.Admitted(false);
  private StallWatch stall;
  private final SettingSlot settings;

  BoxSession(long id, Socket box, ProxyContext ctx, Runnable onClose) {
    this.id = id;
    this.box = box;
    this.ctx = ctx;
    this.onClose = onClose;
    this.opened = ctx.clock().instant();
    this.settings = new SettingSlot(ctx.settings(), ctx.config().boxZone());
  }

  long id() {
    return id;
  }

  /** The current mode; null while the first cloud connect is under way. */
  SessionMode mode() {
    return mode;
  }

  SessionInfo info() {
    return new SessionInfo(id, remote(), deviceId, mode == null ? SessionMode.OFFLINE : mode, opened, lastFrame,
        boxFrames.get(), forwarded.get(), answeredLocally.get(), backfilled.get(), modeChanges.get());
  }

  @Override
  public void run() {
    String reason = "box closed the connection";
    try {
      box.setTcpNoDelay(true);
      boxOut = box.getOutputStream();
      String remote = remote();
      Instant at = opened;
      captureOp(s -> s.connectionOpened(id, remote, at));
      connectInitial();
      readLoop();
    } catch (IOException e) {
      reason = "box connection failed: " + e.getMessage();
    } finally {
      close(reason);
    }
  }

  private void connectInitial() {
    try {
      link = ctx.connector().connect("oig-cloud-" + id, this::onUnsolicited);
      setMode(SessionMode.FORWARD, "cloud connected");
    } catch (IOException e) {
      ctx.stats().cloudFailure(CloudFailure.CONNECT);
      setMode(SessionMode.OFFLINE, "cloud unreachable: " + e.getMessage());
      scheduleProbe();
    }
  }

  private void readLoop() throws IOException {
    InputStream in = box.getInputStream();
    FrameDecoder decoder = new FrameDecoder(ctx.runtime().maxFrameBytes());
    stall = new StallWatch(ctx.config().idleTimeout(), ctx.config().partialFrameTimeout(), ctx.clock());
    byte[] buf = new byte[2048];
    while (!closed) {
      updateSoTimeout();
      int n;
      try {
        n = in.read(buf);
      } catch (SocketTimeoutException timeout) {
        if (stalled()) return;
        if (decoder.buffered() == 0) sendBackfill();
        continue;
      }
      if (n < 0) return;
      decoder.feed(buf, 0, n, this::onPiece);
      stall.buffered(decoder.buffered(), ctx.clock().instant());
      if (stalled()) return;
    }
  }

  /** Closes the connection when it stalled (idle or a trickled frame); true when it did. */
  private boolean stalled() {
    StallWatch.Stall why = stall.check(ctx.clock().instant());
    if (why == null) return false;
    ctx.stats().stalled(why);
    String reason = stall.describe(why);
    ctx.warnings().warn("stall/" + why, "OIG connection from " + remote() + " closed: " + reason
        + "; a real Box reconnects by itself, raise the setting if a slow link needs it");
    closeQuietly();
    return true;
  }

  private void onPiece(Piece piece) {
    if (closed) return; // after an Oversize close nothing later in the same read is handled
    switch (piece) {
      case Piece.Frame f -> onFrame(f.raw());
      case Piece.Terminator t -> {
        CloudLink l = link;
        if (mode == SessionMode.FORWARD && l != null && !cutOff(admission)) l.send(t.bytes());
      }
      case Piece.Garbage g -> {
        ctx.stats().parseError(ParseError.GARBAGE);
        log.debug("session {}: dropped {} bytes before <Frame>", id, g.count());
      }
      case Piece.Oversize o -> {
        // answered as the cloud answers a frame it cannot read, then closed: nothing after it is trusted
        ctx.stats().parseError(ParseError.OVERSIZE);
        ctx.warnings().warn("oversize", "OIG connection from " + remote() + " sent a frame over " + ctx.runtime().maxFrameBytes()
            + " bytes (oig.max_frame_bytes): answered NACK and closed; real Box frames are about 1 kB");
        answer(LocalAnswers.NACK_WC, ctx.clock().instant());
        closed = true;
        closeQuietly();
      }
    }
  }

  private void onFrame(byte[] raw) {
    Instant now = ctx.clock().instant();
    lastFrame = now;
    if (stall != null) stall.frame(now);
    boxFrames.incrementAndGet();
    ctx.stats().boxFrames.increment();
    adoptProbed();
    Decoded d = OigFrameParser.parse(raw);
    OigFrame f = switch (d) {
      case Decoded.Ok ok -> ok.frame();
      case Decoded.BadCrc bad -> {
        ctx.stats().parseError(ParseError.BAD_CRC);
        yield bad.frame();
      }
      case Decoded.Malformed ignored -> {
        ctx.stats().parseError(ParseError.MALFORMED);
        yield null;
      }
    };
    if (d instanceof Decoded.Ok ok && ok.frame().deviceId() != null) admission = ctx.telemetry().admit(ok.frame());
    boolean admitted = admission.admitted();
    if (admitted && f != null && deviceId == null && f.deviceId() != null) {
      deviceId = f.deviceId();
      backfillPending = hasBackfill();
    }
    // A box cut off (bad id, rejected, not listed) is answered locally (it keeps its connection),
    // never forwarded, kept or captured; one refused for capacity or an id conflict is forwarded
    // as a pending box is (its cloud keeps working) and not captured.
    boolean refused = admission instanceof Admission.Refused;
    if (!refused) capture(Direction.BOX, raw, f, d instanceof Decoded.Ok ? null : "bad_frame", now);
    // The box's answer first (forwarded or local), then readings: telemetry never adds latency.
    byte[] local = admitted && !cutOff(admission) && d instanceof Decoded.Ok ok
        ? settings.onBoxFrame(deviceId, ok.frame(), text(raw), now) : null;
    if (cutOff(admission)) {
      answeredLocally.incrementAndGet();
      ctx.stats().localAnswers.increment();
      writeBoxQuietly(LocalAnswers.answer(d, now, ctx.config().boxZone()));
    } else if (local != null) {
      answer(local, now); // a local setting exchange: the cloud sees neither the poll nor the box's ACK
    } else if (!(mode == SessionMode.FORWARD && forward(raw))) {
      answer(LocalAnswers.answer(d, now, ctx.config().boxZone()), now);
      if (admitted && d instanceof Decoded.Ok ok && ok.frame().kind() == FrameKind.TABLE) keepForBackfill(ok.frame(), raw, now);
    }
    if (admitted && d instanceof Decoded.Ok ok) {
      ctx.telemetry().onBoxFrame(ok.frame(), now);
      if ("tbl_events".equals(ok.frame().table())) settings.onEvents(deviceId, ok.frame(), mode != SessionMode.FORWARD);
      if (ok.frame().kind() == FrameKind.SETTING_ACK && deviceId != null && local == null) {
        OigFrame confirmed;
        synchronized (settingsSent) {
          confirmed = settingsSent.pollFirst();
        }
        ctx.telemetry().onSettingConfirmed(deviceId, confirmed, now);
      }
    }
  }

  /** Refusals that cut a box off from its cloud; capacity refusals and id conflicts are forwarded. */
  private static boolean cutOff(Admission a) {
    return a instanceof Admission.Refused r && switch (r.reason()) {
      case INVALID_ID, REJECTED, NOT_LISTED -> true;
      case DEVICE_LIMIT, RATE_LIMIT, ID_CONFLICT -> false;
    };
  }

  /** True when the cloud answered (and the answer went to the box). */
  private boolean forward(byte[] raw) {
    CloudLink l = link;
    if (l == null) return false;
    CloudOutcome outcome = l.exchange(raw, ctx.config().answerTimeout(), this::writeBoxQuietly);
    switch (outcome) {
      case CloudOutcome.Answered a -> {
        forwarded.incrementAndGet();
        ctx.stats().cloudFrames.increment();
        OigFrame answer = parsed(a.raw());
        capture(Direction.CLOUD, a.raw(), answer, null, ctx.clock().instant());
        if (answer != null && answer.kind() == FrameKind.SETTING) settingSent(answer);
        return true;
      }
      case CloudOutcome.TimedOut t -> goOffline(CloudFailure.TIMEOUT,
          "cloud did not answer within " + ctx.config().answerTimeout().toMillis() + " ms");
      case CloudOutcome.Down down -> goOffline(CloudFailure.LOST, "cloud connection lost: " + down.reason());
    }
    return false;
  }

  private void answer(byte[] bytes, Instant now) {
    answeredLocally.incrementAndGet();
    ctx.stats().localAnswers.increment();
    writeBoxQuietly(bytes);
    capture(Direction.LOCAL, bytes, parsed(bytes), null, now);
  }

  private void keepForBackfill(OigFrame frame, byte[] raw, Instant now) {
    if (ctx.backfill() == null || deviceId == null) return;
    long droppedBefore = ctx.backfill().dropped();
    ctx.backfill().add(new BackfillEntry(0, deviceId, frame.table(), now, raw));
    backfillPending = true;
    long lost = ctx.backfill().dropped() - droppedBefore;
    if (lost > 0) {
      ctx.events().publish(new Event(now, deviceId, EventType.DATA_DROPPED,
          "OIG backfill full (oig.backfill_max_frames=" + ctx.config().backfillMaxFrames() + "): oldest frame dropped",
          Map.of("dropped", Long.toString(lost), "total_dropped", Long.toString(ctx.backfill().dropped()))));
    }
  }

  private void onUnsolicited(byte[] raw) {
    if (mode != SessionMode.FORWARD) return;
    OigFrame f = parsed(raw);
    // remembered before the box sees it, so its ACK (read on the session thread) finds it
    if (f != null && f.kind() == FrameKind.SETTING) settingSent(f);
    writeBoxQuietly(raw);
    ctx.stats().cloudFrames.increment();
    capture(Direction.CLOUD, raw, f, null, ctx.clock().instant());
  }

  private void settingSent(OigFrame setting) {
    synchronized (settingsSent) {
      if (settingsSent.size() == MAX_UNCONFIRMED_SETTINGS) settingsSent.pollFirst();
      settingsSent.addLast(setting);
    }
    if (deviceId != null) ctx.telemetry().onSettingSent(deviceId, setting, ctx.clock().instant());
  }

  // ---- backfill ----

  private boolean hasBackfill() {
    return ctx.backfill() != null && deviceId != null && ctx.backfill().size(deviceId) > 0;
  }

  /** The read wakes up for the nearest stall deadline, and every backfill interval while backfill waits. */
  private void updateSoTimeout() throws IOException {
    int want = stall.millisToDeadline(ctx.clock().instant());
    if (mode == SessionMode.FORWARD && backfillPending) {
      want = (int) Math.min(want, Math.max(1, ctx.config().backfillInterval().toMillis()));
    }
    box.setSoTimeout(want);
  }

  /** Sends the oldest backfilled frame while the box is idle. */
  private void sendBackfill() {
    CloudLink l = link;
    if (mode != SessionMode.FORWARD || l == null || ctx.backfill() == null || deviceId == null) return;
    Optional<BackfillEntry> next = ctx.backfill().peek(deviceId);
    if (next.isEmpty()) {
      backfillPending = false;
      return;
    }
    switch (deliver(l, next.get())) {
      case CloudOutcome.Answered a -> { }
      case CloudOutcome.TimedOut t -> goOffline(CloudFailure.TIMEOUT, "cloud did not answer a backfilled frame");
      case CloudOutcome.Down down -> goOffline(CloudFailure.LOST, "cloud connection lost: " + down.reason());
    }
  }

  private CloudOutcome deliver(CloudLink l, BackfillEntry e) {
    CloudOutcome outcome = l.exchange(e.raw(), ctx.config().answerTimeout(), null);
    if (outcome instanceof CloudOutcome.Answered a) {
      ctx.backfill().remove(e.id());
      backfilled.incrementAndGet();
      ctx.stats().backfillDelivered.increment();
      Instant now = ctx.clock().instant();
      capture(Direction.BACKFILL, e.raw(), parsed(e.raw()), null, now);
      capture(Direction.BACKFILL_ANSWER, a.raw(), parsed(a.raw()), null, now);
    }
    return outcome;
  }

  // ---- modes and probing ----

  private void goOffline(CloudFailure why, String reason) {
    ctx.stats().cloudFailure(why);
    CloudLink l = link;
    link = null;
    if (l != null) l.close();
    setMode(SessionMode.OFFLINE, reason);
    scheduleProbe();
  }

  private void adoptProbed() {
    CloudLink l = probed.getAndSet(null);
    if (l == null) return;
    if (l.isDown() || mode != SessionMode.OFFLINE) {
      l.close();
      if (mode == SessionMode.OFFLINE) scheduleProbe();
      return;
    }
    link = l;
    setMode(SessionMode.FORWARD, "cloud answers again");
    backfillPending = hasBackfill();
  }

  private void scheduleProbe() {
    if (closed) return;
    ctx.scheduler().schedule(() -> Thread.ofVirtual().name("oig-probe-" + id).start(this::probe),
        ctx.config().probeInterval().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void probe() {
    if (closed || mode != SessionMode.OFFLINE) return;
    CloudLink l;
    try {
      l = ctx.connector().connect("oig-cloud-" + id, this::onUnsolicited);
    } catch (IOException e) {
      ctx.stats().cloudFailure(CloudFailure.PROBE);
      log.debug("session {}: cloud still unreachable: {}", id, e.getMessage());
      scheduleProbe();
      return;
    }
    if (!proven(l)) {
      ctx.stats().cloudFailure(CloudFailure.PROBE);
      l.close();
      scheduleProbe();
      return;
    }
    CloudLink old = probed.getAndSet(l);
    if (old != null) old.close();
    if (closed) Optional.ofNullable(probed.getAndSet(null)).ifPresent(CloudLink::close);
  }

  /** A new link counts once the cloud answers on it: the oldest backfill frame is the test. */
  private boolean proven(CloudLink l) {
    if (ctx.backfill() == null || deviceId == null) return true;
    Optional<BackfillEntry> next = ctx.backfill().peek(deviceId);
    return next.isEmpty() || deliver(l, next.get()) instanceof CloudOutcome.Answered;
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
    log.info("OIG session {} ({}): {} -> {}: {}", id, deviceId == null ? remote() : deviceId, fromName, to.wireName(), reason);
    ctx.events().publish(new Event(now, deviceId, EventType.MODE_CHANGED,
        "OIG session " + id + " " + fromName + " -> " + to.wireName() + ": " + reason,
        Map.of("session", Long.toString(id), "from", fromName, "to", to.wireName(), "reason", reason)));
    ModeTransition t = new ModeTransition(id, deviceId, now, fromName, to.wireName(), reason);
    captureOp(s -> s.modeChanged(t));
    if (to == SessionMode.FORWARD) reportLocalSettings(now);
  }

  /** The cloud is back: settings made locally meanwhile are reported, since the vendor app may show stale values. */
  private void reportLocalSettings(Instant now) {
    java.util.List<String> made = settings.takeAppliedOffline();
    if (made.isEmpty()) return;
    String list = String.join(", ", made);
    log.info("OIG box {}: the cloud answers again; settings made locally while it was away: {}. The vendor app may show"
        + " the old values until the box next reports its parameters", deviceId, list);
    ctx.events().publish(new Event(now, deviceId, EventType.NOTICE, "settings made locally while the OIG cloud was away: "
        + list + "; the vendor app may show stale values", Map.of("settings", list)));
  }

  // ---- io helpers ----

  private void writeBoxQuietly(byte[] bytes) {
    boxWrite.lock();
    try {
      boxOut.write(bytes);
      boxOut.flush();
    } catch (IOException e) {
      log.debug("session {}: box write failed: {}", id, e.getMessage());
      closeQuietly();
    } finally {
      boxWrite.unlock();
    }
  }

  /** Closes the box connection from outside (gateway shutdown); the session ends itself. */
  void shutdown() {
    closed = true;
    closeQuietly();
  }

  private void close(String reason) {
    closed = true;
    mode = SessionMode.CLOSED;
    CloudLink l = link;
    link = null;
    if (l != null) l.close();
    Optional.ofNullable(probed.getAndSet(null)).ifPresent(CloudLink::close);
    closeQuietly();
    settings.closed(deviceId);
    String device = deviceId;
    long frames = boxFrames.get();
    Instant at = ctx.clock().instant();
    captureOp(s -> s.connectionClosed(id, device, frames, at, reason));
    log.debug("OIG session {} closed after {} frames: {}", id, frames, reason);
    onClose.run();
  }

  private void closeQuietly() {
    try {
      box.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  private String remote() {
    return box.getInetAddress().getHostAddress() + ":" + box.getPort();
  }

  private void capture(Direction dir, byte[] raw, OigFrame f, String kind, Instant at) {
    if (ctx.capture() == null || admission instanceof Admission.Refused) return;
    String table = f == null ? null : f.table() != null ? f.table() : f.result();
    String k = kind != null ? kind : f == null ? "malformed" : f.kind().wireName();
    SessionMode m = mode;
    ctx.capture().offer(new CapturedFrame(id, dir, at, deviceId, table, k, m == null ? "new" : m.wireName(), text(raw)));
  }

  private void captureOp(java.util.function.Consumer<io.gridwire.oig.capture.CaptureStore> op) {
    if (ctx.capture() != null) ctx.capture().offer(op);
  }

  private static String text(byte[] raw) {
    int end = raw.length;
    while (end > 0 && (raw[end - 1] == '\r' || raw[end - 1] == '\n')) end--;
    return new String(raw, 0, end, StandardCharsets.UTF_8);
  }

  private static OigFrame parsed(byte[] raw) {
    return switch (OigFrameParser.parse(raw)) {
      case Decoded.Ok ok -> ok.frame();
      case Decoded.BadCrc bad -> bad.frame();
      case Decoded.Malformed ignored -> null;
    };
  }
}
