package io.gridwire.oig.proxy;

import io.gridwire.core.admission.Admission;
import io.gridwire.core.port.capture.Direction;
import io.gridwire.oig.codec.Decoded;
import io.gridwire.oig.codec.FrameDecoder;
import io.gridwire.oig.codec.FrameKind;
import io.gridwire.oig.codec.OigFrame;
import io.gridwire.oig.codec.OigFrameParser;
import io.gridwire.oig.codec.Piece;
import io.gridwire.oig.proxy.ProxyStats.ParseError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One box connection (SPEC §3.2): reads the box's frames and answers each one, forwarded to the
 * cloud or locally; in both modes box frames become readings. The box connection is never closed
 * because of the cloud. Its parts:
 *
 * <ul>
 *   <li>{@link CloudRoute}: the mode (FORWARD, OFFLINE), the cloud link, probing;
 *   <li>{@link BackfillSender}: table frames kept while offline, delivered when the cloud is back;
 *   <li>{@link SettingSlot}: settings the gateway itself delivers; {@link SentSettings}: the cloud's;
 *   <li>{@link SessionCapture}: the frame capture.
 * </ul>
 *
 * OFFLINE: the gateway answers as the cloud would ({@link LocalAnswers}) and keeps table frames
 * for backfill; FORWARD: while the box is idle, backfilled frames go to the cloud at most one per
 * backfill interval.
 *
 * <p>Threads: the session's own virtual thread reads the box; the {@link CloudLink} has its
 * reader; probes run on short-lived virtual threads. Box writes are serialised by a lock. Between
 * frames the box read waits without a timeout and the proxy's {@link DeadlineSweep} watches the
 * idle deadline; while a frame is half read or backfill waits, the read itself is timed.
 */
final class BoxSession implements Runnable, SessionView, DeadlineSweep.Watched {
  private static final Logger log = LoggerFactory.getLogger(BoxSession.class);

  private final long id;
  private final Socket box;
  private final ProxyContext ctx;
  private final Runnable onClose;
  private final Instant opened;
  private final ReentrantLock boxWrite = new ReentrantLock();
  private final AtomicLong boxFrames = new AtomicLong();
  private final AtomicLong answeredLocally = new AtomicLong();
  /** Set by whichever of the read and the sweep closes the connection as stalled first. */
  private final java.util.concurrent.atomic.AtomicBoolean stallClosed = new java.util.concurrent.atomic.AtomicBoolean();
  private final SettingSlot settings;
  private final SessionCapture capture;
  private final SentSettings sentSettings;
  private final BackfillSender backfill;
  private final CloudRoute cloud;
  private OutputStream boxOut;
  private volatile String deviceId;
  private volatile Instant lastFrame;
  private volatile boolean closed;
  /** The admission of the box id of the last frame that carried one; frames without an id follow it. */
  private volatile Admission admission = new Admission.Admitted(false);
  private volatile StallWatch stall;

  BoxSession(long id, Socket box, ProxyContext ctx, Runnable onClose) {
    this.id = id;
    this.box = box;
    this.ctx = ctx;
    this.onClose = onClose;
    this.opened = ctx.clock().instant();
    this.settings = new SettingSlot(ctx.settings(), ctx.config().boxZone());
    this.capture = new SessionCapture(ctx.capture(), this);
    this.sentSettings = new SentSettings(ctx, this);
    this.backfill = new BackfillSender(ctx, this, capture);
    this.cloud = new CloudRoute(ctx, this, capture, backfill, sentSettings, this::writeBoxQuietly,
        now -> settings.cloudBack(deviceId, ctx.events(), now));
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public SessionMode mode() {
    return cloud.mode();
  }

  @Override
  public String deviceId() {
    return deviceId;
  }

  @Override
  public boolean refused() {
    return admission instanceof Admission.Refused;
  }

  @Override
  public boolean closed() {
    return closed;
  }

  @Override
  public String remote() {
    return box.getInetAddress().getHostAddress() + ":" + box.getPort();
  }

  SessionInfo info() {
    SessionMode mode = cloud.mode();
    return new SessionInfo(id, remote(), deviceId, mode == null ? SessionMode.OFFLINE : mode, opened, lastFrame,
        boxFrames.get(), cloud.forwarded(), answeredLocally.get(), backfill.delivered(), cloud.modeChanges());
  }

  @Override
  public void run() {
    String reason = "box closed the connection";
    try {
      box.setTcpNoDelay(true);
      boxOut = box.getOutputStream();
      String remote = remote();
      Instant at = opened;
      capture.record(s -> s.connectionOpened(id, remote, at));
      cloud.connect();
      readLoop();
    } catch (IOException e) {
      if (!stallClosed.get()) reason = "box connection failed: " + e.getMessage(); // the sweep closed it: as a stall
    } finally {
      close(reason);
    }
  }

  private void readLoop() throws IOException {
    InputStream in = box.getInputStream();
    FrameDecoder decoder = new FrameDecoder(ctx.runtime().maxFrameBytes());
    stall = new StallWatch(ctx.config().idleTimeout(), ctx.config().partialFrameTimeout(), ctx.clock());
    ctx.sweep().add(this);
    byte[] buf = new byte[2048];
    while (!closed) {
      updateSoTimeout(decoder.buffered());
      int n;
      try {
        n = in.read(buf);
      } catch (SocketTimeoutException timeout) {
        if (stalled()) return;
        if (decoder.buffered() == 0) cloud.whileIdle();
        continue;
      }
      if (n < 0) return;
      decoder.feed(buf, 0, n, this::onPiece);
      stall.buffered(decoder.buffered(), ctx.clock().instant());
      if (stalled()) return;
    }
  }

  /**
   * Between frames the read waits untimed (the sweep watches the idle deadline); with part of a
   * frame buffered it wakes up for the nearest stall deadline, and every backfill interval while
   * backfill waits.
   */
  private void updateSoTimeout(int buffered) throws IOException {
    boolean backfillWaits = cloud.backfillWaits();
    if (buffered == 0 && !backfillWaits) {
      box.setSoTimeout(0);
      return;
    }
    int want = stall.millisToDeadline(ctx.clock().instant());
    if (backfillWaits) want = (int) Math.min(want, Math.max(1, ctx.config().backfillInterval().toMillis()));
    box.setSoTimeout(want);
  }

  /** The sweep: closes the connection when it stalled while its read waits untimed. */
  @Override
  public void sweep(long nowNanos, Instant now) {
    StallWatch s = stall;
    if (closed || s == null) return;
    StallWatch.Stall why = s.check(now);
    if (why != null) closeStalled(why);
  }

  /** Closes the connection when it stalled (idle or a trickled frame); true when it did. */
  private boolean stalled() {
    StallWatch.Stall why = stall.check(ctx.clock().instant());
    if (why == null) return false;
    closeStalled(why);
    return true;
  }

  /** Counts, warns and closes, once, whether the read or the sweep noticed the stall. */
  private void closeStalled(StallWatch.Stall why) {
    if (!stallClosed.compareAndSet(false, true)) return;
    ctx.stats().stalled(why);
    String reason = stall.describe(why);
    ctx.warnings().warn("stall/" + why, "OIG connection from " + remote() + " closed: " + reason
        + "; a real Box reconnects by itself, raise the setting if a slow link needs it");
    closeQuietly();
  }

  private void onPiece(Piece piece) {
    if (closed) return; // after an Oversize close nothing later in the same read is handled
    switch (piece) {
      case Piece.Frame f -> onFrame(f.raw());
      case Piece.Terminator t -> {
        if (!cutOff(admission)) cloud.passTerminator(t.bytes());
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
    cloud.adoptProbed();
    Decoded d = OigFrameParser.parse(raw);
    switch (d) {
      case Decoded.Ok ok -> { }
      case Decoded.BadCrc bad -> ctx.stats().parseError(ParseError.BAD_CRC);
      case Decoded.Malformed ignored -> ctx.stats().parseError(ParseError.MALFORMED);
    }
    OigFrame f = d.frameOrNull();
    OigFrame ok = d instanceof Decoded.Ok ? f : null; // what the gateway acts on: a frame with a good CRC
    if (ok != null && ok.deviceId() != null) admission = ctx.telemetry().admit(ok);
    boolean admitted = admission.admitted();
    if (admitted && f != null && deviceId == null && f.deviceId() != null) {
      deviceId = f.deviceId();
      backfill.recheck();
    }
    // A box cut off (bad id, rejected, not listed) is answered locally (it keeps its connection),
    // never forwarded, kept or captured; one refused for capacity or an id conflict is forwarded
    // as a pending box is (its cloud keeps working) and not captured.
    capture.frame(Direction.BOX, raw, f, ok != null ? null : "bad_frame", now);
    answerBox(raw, d, ok, admitted, now);
  }

  /** The box's answer first (forwarded or local), then readings: telemetry never adds latency. */
  private void answerBox(byte[] raw, Decoded d, OigFrame ok, boolean admitted, Instant now) {
    boolean cutOff = cutOff(admission);
    byte[] local = admitted && !cutOff && ok != null ? settings.onBoxFrame(deviceId, ok, raw, now) : null;
    if (cutOff) {
      answeredLocally.incrementAndGet();
      ctx.stats().localAnswers.increment();
      writeBoxQuietly(LocalAnswers.answer(d, now, ctx.config().boxZone()));
    } else if (local != null) {
      answer(local, now); // a local setting exchange: the cloud sees neither the poll nor the box's ACK
    } else if (!cloud.forward(raw)) {
      answer(LocalAnswers.answer(d, now, ctx.config().boxZone()), now);
      if (admitted && ok != null && ok.kind() == FrameKind.TABLE) backfill.keep(ok, raw, now);
    }
    if (!admitted || ok == null) return;
    ctx.telemetry().onBoxFrame(ok, now);
    if ("tbl_events".equals(ok.table())) settings.onEvents(deviceId, ok, cloud.mode() != SessionMode.FORWARD);
    if (ok.kind() == FrameKind.SETTING_ACK && deviceId != null && local == null) sentSettings.confirmed(deviceId, now);
  }

  /** Refusals that cut a box off from its cloud; capacity refusals and id conflicts are forwarded. */
  private static boolean cutOff(Admission a) {
    return a instanceof Admission.Refused r && switch (r.reason()) {
      case INVALID_ID, REJECTED, NOT_LISTED -> true;
      case DEVICE_LIMIT, RATE_LIMIT, ID_CONFLICT -> false;
    };
  }

  /** A local answer: written to the box, counted and captured. */
  private void answer(byte[] bytes, Instant now) {
    answeredLocally.incrementAndGet();
    ctx.stats().localAnswers.increment();
    writeBoxQuietly(bytes);
    capture.frame(Direction.LOCAL, bytes, now);
  }

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
    ctx.sweep().remove(this);
    cloud.close();
    closeQuietly();
    settings.closed(deviceId);
    String device = deviceId;
    long frames = boxFrames.get();
    Instant at = ctx.clock().instant();
    capture.record(s -> s.connectionClosed(id, device, frames, at, reason));
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
}
