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
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
 * <p>Threads: the session lives on one {@link IoLoop}, which owns its box and cloud channels. One
 * frame at a time: while a frame waits for the cloud's answer (or for store work on the session's
 * {@link SerialLane}: a new box id's admission, a local setting exchange), what a read brings
 * waits its turn, and once something waits the box is not read until it had its turn (so at most
 * one read is buffered, and a box in lock step, which sends nothing while it waits, never
 * changes the selector's interest). The box's end of stream closes the session after the frames
 * before it were answered.
 * Writes that the box does not take at once wait in a bounded {@link Outbox}. Deadlines (idle,
 * a half-read frame, the cloud's answer) are checked by the loop's {@link DeadlineSweep}. Any
 * thread may read {@link #info} and the {@link SessionView} methods.
 */
final class BoxSession implements IoLoop.Handler, SessionView, DeadlineSweep.Watched {
  private static final Logger log = LoggerFactory.getLogger(BoxSession.class);

  private final long id;
  private final SocketChannel box;
  private final String remote;
  private final ProxyContext ctx;
  private final IoLoop loop;
  private final SerialLane lane;
  private final Runnable onClose;
  private final Instant opened;
  private final AtomicLong boxFrames = new AtomicLong();
  private final AtomicLong answeredLocally = new AtomicLong();
  private final SettingSlot settings;
  private final SessionCapture capture;
  private final SentSettings sentSettings;
  private final BackfillSender backfill;
  private final CloudRoute cloud;
  private final FrameDecoder decoder;
  private final Outbox out;
  private final StallWatch stall;
  /** Pieces a read brought that wait for the frame before them to be answered. */
  private final ArrayDeque<Piece> pieces = new ArrayDeque<>();
  private final Runnable resume = this::resume;
  private final Consumer<Piece> queuePiece = pieces::addLast;
  private SelectionKey key;
  /** A frame (or a backfill exchange) is under way: the box is not read meanwhile. */
  private boolean busy;
  /** The box closed its sending side: the session closes once the pieces before that were handled. */
  private boolean eof;
  /** Set when the connection is to close once the box took what waits for it. */
  private String closeWhenFlushed;
  private long lastRead = System.nanoTime();
  private IoLoop.Timer backfillTimer;
  /**
   * The box id of the last admission decided here: while it is a device or pending, its frames'
   * admission is decided on the loop (in memory); a new or refused id's goes to the lane, since
   * holding it as pending writes the admission store.
   */
  private String admittedId;
  private volatile String deviceId;
  private volatile Instant lastFrame;
  private volatile boolean closed;
  /** The admission of the box id of the last frame that carried one; frames without an id follow it. */
  private volatile Admission admission = new Admission.Admitted(false);

  BoxSession(long id, SocketChannel box, ProxyContext ctx, IoLoop loop, Runnable onClose) {
    this.id = id;
    this.box = box;
    this.remote = remoteOf(box);
    this.ctx = ctx;
    this.loop = loop;
    this.lane = new SerialLane("oig-store-" + id);
    this.onClose = onClose;
    this.opened = ctx.clock().instant();
    this.settings = new SettingSlot(ctx.settings(), ctx.config().boxZone());
    this.capture = new SessionCapture(ctx.capture(), this);
    this.sentSettings = new SentSettings(ctx, this);
    this.backfill = new BackfillSender(ctx, loop, lane, this, capture, this::backfillCheck);
    this.cloud = new CloudRoute(ctx, loop, this, capture, backfill, sentSettings, this::writeBox,
        now -> {
          if (settings.active()) lane.submit(() -> settings.cloudBack(deviceId, ctx.events(), now));
        });
    this.decoder = new FrameDecoder(ctx.runtime().maxFrameBytes());
    this.out = new Outbox(CloudRoute.outboxLimit(ctx));
    this.stall = new StallWatch(ctx.config().idleTimeout(), ctx.config().partialFrameTimeout(), ctx.clock());
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
    return remote;
  }

  SessionInfo info() {
    SessionMode mode = cloud.mode();
    return new SessionInfo(id, remote(), deviceId, mode == null ? SessionMode.OFFLINE : mode, opened, lastFrame,
        boxFrames.get(), cloud.forwarded(), answeredLocally.get(), backfill.delivered(), cloud.modeChanges());
  }

  /**
   * Starts the session (any thread): the capture's connection record, then the first cloud
   * connect on a virtual thread; the box is read on the loop once that connect is over.
   */
  void begin() {
    Instant at = opened;
    capture.record(s -> s.connectionOpened(id, remote, at));
    Thread.ofVirtual().name("oig-connect-" + id).start(() -> {
      SocketChannel ch = null;
      IOException failure = null;
      try {
        ch = ctx.connector().connect();
      } catch (IOException e) {
        failure = e;
      }
      SocketChannel connected = ch;
      IOException why = failure;
      if (!loop.execute(() -> start(connected, why))) {
        IoLoop.closeQuietly(connected);
        IoLoop.closeQuietly(box);
      }
    });
  }

  /** On the loop: the first connect is over; the box is read from now on. */
  private void start(SocketChannel cloudChannel, IOException failure) {
    if (closed) {
      IoLoop.closeQuietly(cloudChannel);
      return;
    }
    try {
      box.configureBlocking(false);
      box.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
      key = loop.register(box, SelectionKey.OP_READ, this);
    } catch (IOException | RuntimeException e) { // a closed selector: the loop stopped meanwhile
      IoLoop.closeQuietly(cloudChannel);
      close("box connection failed: " + e.getMessage());
      return;
    }
    cloud.connected(cloudChannel, failure);
    stall.frame(ctx.clock().instant()); // the idle deadline counts from here, as the reads begin
    loop.sweep().add(this);
  }

  @Override
  public void ready(SelectionKey k) {
    try {
      if (k.isWritable() && out.flush(box, k) && closeWhenFlushed != null) {
        close(closeWhenFlushed);
        return;
      }
      if (k.isValid() && k.isReadable()) read();
    } catch (IOException e) {
      close("box connection failed: " + e.getMessage());
    } catch (RuntimeException e) {
      log.warn("OIG session {}: {} (connection closed)", id, e.toString(), e);
      close("failed: " + e);
    }
  }

  private void read() throws IOException {
    ByteBuffer buf = loop.readBuffer();
    int n = box.read(buf);
    if (n < 0) {
      eof = true;
      drain();
      return;
    }
    lastRead = System.nanoTime();
    decoder.feed(buf.array(), 0, n, queuePiece);
    stall.buffered(decoder.buffered(), ctx.clock().instant());
    drain();
    if (!closed) checkStall(ctx.clock().instant());
  }

  /** Handles the pieces that wait, until one has to wait for the cloud or the lane. */
  private void drain() {
    for (Piece p; !busy && !closed && closeWhenFlushed == null && (p = pieces.pollFirst()) != null; ) onPiece(p);
    if (closed || key == null || !key.isValid() || closeWhenFlushed != null) return;
    if (eof && !busy && pieces.isEmpty()) {
      close("box closed the connection");
      return;
    }
    int ops = key.interestOps();
    int want = eof || !pieces.isEmpty() ? ops & ~SelectionKey.OP_READ : ops | SelectionKey.OP_READ;
    if (want != ops) key.interestOps(want);
  }

  /** A frame is answered: the next piece, or the box is read again. Posted, so no answer runs inside another's read. */
  private void finished() {
    busy = false;
    loop.execute(resume);
  }

  private void resume() {
    if (closed || busy) return;
    guarded(() -> {
      drain();
      backfillCheck();
    });
  }

  /**
   * Runs a step of a frame that another object or a posted task calls: one that throws (a bug)
   * closes this box's connection, which a real Box re-opens at once, instead of leaving the
   * session waiting for an answer that never comes or being blamed on the cloud link.
   */
  private void guarded(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      log.warn("OIG session {}: {} (connection closed)", id, e.toString(), e);
      close("failed: " + e);
    }
  }

  /** The sweep (on the loop): stalls and the cloud's answer deadline. */
  @Override
  public void sweep(long nowNanos, Instant now) {
    if (closed) return;
    cloud.sweep(nowNanos);
    if (!closed) checkStall(now);
  }

  private void checkStall(Instant now) {
    StallWatch.Stall why = stall.check(now);
    if (why == null) return;
    ctx.stats().stalled(why);
    String reason = stall.describe(why);
    ctx.warnings().warn("stall/" + why, "OIG connection from " + remote + " closed: " + reason
        + "; a real Box reconnects by itself, raise the setting if a slow link needs it");
    close(reason);
  }

  private void onPiece(Piece piece) {
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
        ctx.warnings().warn("oversize", "OIG connection from " + remote + " sent a frame over " + ctx.runtime().maxFrameBytes()
            + " bytes (the proxy's frame bound): answered NACK and closed; real Box frames are about 1 kB, so this is not a Box"
            + " or its link corrupts the stream");
        answer(LocalAnswers.NACK_WC, ctx.clock().instant());
        closeAfterFlush("frame over " + ctx.runtime().maxFrameBytes() + " bytes");
      }
    }
  }

  /** One box frame, in steps that may wait for the lane or the cloud; {@link #finished} ends it. */
  private void onFrame(byte[] raw) {
    Instant now = ctx.clock().instant();
    lastFrame = now;
    stall.frame(now);
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
    busy = true;
    BoxFrame frame = new BoxFrame(raw, d, f, ok, now);
    if (ok == null || ok.deviceId() == null) {
      admitted(frame);
    } else if (ok.deviceId().equals(admittedId) && !(admission instanceof Admission.Refused) && ctx.telemetry().registered(ok)) {
      admission = ctx.telemetry().admit(ok); // a registered device: decided in memory
      admitted(frame);
    } else {
      offload(() -> ctx.telemetry().admit(ok), a -> { // a new box id may be stored as pending
        admittedId = ok.deviceId();
        admission = a;
        admitted(frame);
      });
    }
  }

  private void admitted(BoxFrame fr) {
    boolean admitted = admission.admitted();
    if (admitted && fr.parsed != null && deviceId == null && fr.parsed.deviceId() != null) {
      deviceId = fr.parsed.deviceId();
      backfill.recheck();
    }
    // A box cut off (bad id, rejected, not listed) is answered locally (it keeps its connection),
    // never forwarded, kept or captured; one refused for capacity or an id conflict is forwarded
    // as a pending box is (its cloud keeps working) and not captured.
    capture.frame(Direction.BOX, fr.raw, fr.parsed, fr.ok != null ? null : "bad_frame", fr.at);
    boolean cutOff = cutOff(admission);
    if (cutOff) {
      answeredLocally.incrementAndGet();
      ctx.stats().localAnswers.increment();
      writeBox(LocalAnswers.answer(fr.decoded, fr.at, ctx.config().boxZone()));
      after(fr, false, null);
    } else if (admitted && fr.ok != null && settings.mayAnswer(deviceId, fr.ok)) {
      String device = deviceId;
      offload(() -> settings.onBoxFrame(device, fr.ok, fr.raw, fr.at), local -> answerBox(fr, admitted, local));
    } else {
      answerBox(fr, admitted, null);
    }
  }

  /** The box's answer first (local, or forwarded), then readings: telemetry never adds latency. */
  private void answerBox(BoxFrame fr, boolean admitted, byte[] local) {
    if (local != null) {
      answer(local, fr.at); // a local setting exchange: the cloud sees neither the poll nor the box's ACK
      after(fr, admitted, local);
      return;
    }
    boolean forwarding = cloud.forward(fr.raw, answered -> guarded(() -> {
      if (closed) return;
      if (!answered) answerLocally(fr, admitted);
      after(fr, admitted, null);
    }));
    if (forwarding) return;
    answerLocally(fr, admitted);
    after(fr, admitted, null);
  }

  private void answerLocally(BoxFrame fr, boolean admitted) {
    answer(LocalAnswers.answer(fr.decoded, fr.at, ctx.config().boxZone()), fr.at);
    if (admitted && fr.ok != null && fr.ok.kind() == FrameKind.TABLE) backfill.keep(fr.ok, fr.raw, fr.at);
  }

  private void after(BoxFrame fr, boolean admitted, byte[] local) {
    OigFrame ok = fr.ok;
    if (admitted && ok != null) {
      ctx.telemetry().onBoxFrame(ok, fr.at);
      if ("tbl_events".equals(ok.table()) && settings.active()) {
        String device = deviceId;
        boolean offline = cloud.mode() != SessionMode.FORWARD;
        lane.submit(() -> settings.onEvents(device, ok, offline));
      }
      if (ok.kind() == FrameKind.SETTING_ACK && deviceId != null && local == null) sentSettings.confirmed(deviceId, fr.at);
    }
    finished();
  }

  /** Runs {@code work} on the lane, then {@code then} with its result on the loop (unless the session closed meanwhile). */
  private <T> void offload(Supplier<T> work, Consumer<T> then) {
    lane.submit(() -> {
      T result;
      try {
        result = work.get();
      } catch (RuntimeException e) {
        log.warn("OIG session {}: {}", id, e.toString(), e);
        loop.execute(() -> close("failed: " + e));
        return;
      }
      loop.execute(() -> {
        if (!closed) guarded(() -> then.accept(result));
      });
    });
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
    writeBox(bytes);
    capture.frame(Direction.LOCAL, bytes, now);
  }

  /** Writes to the box; what it does not take waits, and a box that stops reading is closed. */
  private void writeBox(byte[] bytes) {
    if (closed || key == null) return;
    try {
      if (out.write(box, key, bytes)) return;
      ctx.warnings().warn("outbox", "OIG connection from " + remote + " closed: the box does not read its answers ("
          + out.queued() + " bytes wait, at most " + out.limit() + ", four of the largest frames); check the box's network"
          + " link; a real Box reconnects by itself");
      close("the box does not read (" + out.queued() + " bytes wait)");
    } catch (IOException e) {
      log.debug("session {}: box write failed: {}", id, e.getMessage());
      close("box connection failed: " + e.getMessage());
    }
  }

  /** The box is idle (nothing read for a backfill interval, no frame half read): the oldest backfilled frame goes. */
  private void backfillCheck() {
    if (closed || backfillTimer != null || key == null || !cloud.backfillWaits()) return;
    long idleFor = System.nanoTime() - lastRead;
    long interval = ctx.config().backfillInterval().toNanos();
    backfillTimer = loop.schedule(java.time.Duration.ofNanos(Math.max(0, interval - idleFor)), this::onBackfillTimer);
  }

  private void onBackfillTimer() {
    backfillTimer = null;
    if (closed || !cloud.backfillWaits()) return;
    if (busy || decoder.buffered() > 0) return; // the frame's end (resume) arms the timer again
    if (System.nanoTime() - lastRead < ctx.config().backfillInterval().toNanos()) {
      backfillCheck();
      return;
    }
    busy = true; // what the box sends meanwhile waits until the backfilled frame is answered
    cloud.whileIdle(() -> guarded(() -> {
      lastRead = System.nanoTime();
      finished();
    }));
  }

  /** Closes the box connection from outside (gateway shutdown), on the loop. */
  void shutdown() {
    if (!loop.execute(() -> close("gateway shut down"))) {
      closed = true;
      IoLoop.closeQuietly(box);
    }
  }

  private void closeAfterFlush(String reason) {
    if (out.queued() == 0) {
      close(reason);
      return;
    }
    closeWhenFlushed = reason;
    key.interestOps(SelectionKey.OP_WRITE);
  }

  private void close(String reason) {
    if (closed) return;
    closed = true;
    loop.sweep().remove(this);
    if (backfillTimer != null) backfillTimer.cancel();
    cloud.close();
    IoLoop.closeQuietly(box);
    String device = deviceId;
    if (settings.active()) lane.submit(() -> settings.closed(device));
    long frames = boxFrames.get();
    Instant at = ctx.clock().instant();
    capture.record(s -> s.connectionClosed(id, device, frames, at, reason));
    log.debug("OIG session {} closed after {} frames: {}", id, frames, reason);
    onClose.run();
  }

  private static String remoteOf(SocketChannel ch) {
    try {
      if (ch.getRemoteAddress() instanceof InetSocketAddress a) return a.getAddress().getHostAddress() + ":" + a.getPort();
    } catch (IOException e) {
      // closed already
    }
    return "?";
  }

  /** A box frame on its way through the steps: its bytes, the parse, and when it came. */
  private record BoxFrame(byte[] raw, Decoded decoded, OigFrame parsed, OigFrame ok, Instant at) {}
}
