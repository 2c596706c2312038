package io.gridwire.modbus.client;

import io.gridwire.modbus.codec.PduCodec;
import io.gridwire.modbus.codec.MbapHeader;
import io.gridwire.modbus.codec.ModbusRequest;
import io.gridwire.modbus.codec.Outcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Modbus TCP to one device over a non-blocking channel driven by a shared {@link TcpReactor}.
 * Wire contract: MBAP header, transaction ids, late answers with an older id skipped, a bad
 * header or a timeout mid-frame closes the connection. A whole poll
 * ({@link #executeAll}) runs on the reactor: each answer is checked and the next request written
 * without waking the caller, who parks once per batch.
 *
 * <pre>
 *  caller:  lock → connect if needed (blocking, on the caller's thread) → post batch → park
 *  reactor: write req i → readable: frames parsed; tid == ours → outcome i, write req i+1
 *           deadline → timeout i (connection closed if a frame was half read) → unpark caller
 * </pre>
 *
 * Thread-safe: callers are serialised (one request in flight per device).
 */
public final class NioTcpTransport extends TimerNode implements ModbusTransport {
  private final TcpReactor reactor;
  private final String host;
  private final int port;
  private final Duration connectTimeout;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean needFresh = true; // caller side, under lock
  private volatile boolean broken; // set by the reactor when it closed the connection
  private volatile boolean closed;
  /** The caller waiting in {@link #awaitStart}, for {@link #wake}. */
  private volatile Thread connecting;
  private volatile boolean woken;
  // reactor thread only
  private final byte[] in = new byte[2 * (7 + 253)];
  private final ByteBuffer inBuf = ByteBuffer.wrap(in);
  private final byte[] out = new byte[7 + 253];
  private final ByteBuffer outBuf = ByteBuffer.wrap(out);
  private SocketChannel channel;
  private SelectionKey key;
  private int have;
  private int tid;
  private Batch batch;
  private boolean awaiting;
  private boolean gapWait;
  private long sentAt;
  /** The batch waits for its start time; {@link #startTicket} tells its scheduled start from cancelled ones. */
  private boolean scheduled;
  private long startTicket;

  public NioTcpTransport(TcpReactor reactor, String host, int port, Duration connectTimeout) {
    this.reactor = reactor;
    this.host = host;
    this.port = port;
    this.connectTimeout = connectTimeout;
    reactor.retain();
  }

  @Override
  public Outcome execute(int unitId, ModbusRequest request, Duration timeout) {
    return ModbusTransport.executeOne(this, unitId, request, timeout);
  }

  @Override
  public int executeAll(int unitId, List<ModbusRequest> requests, Duration timeout, Duration gap, BooleanSupplier yield,
      Outcome[] outcomes, long[] rttNanos) throws InterruptedException {
    return run(null, unitId, requests, timeout, gap, yield, outcomes, rttNanos, null);
  }

  @Override
  public boolean schedulesBatches() {
    return true;
  }

  @Override
  public int executeAllAt(long startNanos, int unitId, List<ModbusRequest> requests, Duration timeout, Duration gap,
      BooleanSupplier yield, Outcome[] outcomes, long[] rttNanos, long[] startedNanos) throws InterruptedException {
    return run(startNanos, unitId, requests, timeout, gap, yield, outcomes, rttNanos, startedNanos);
  }

  @Override
  public void wake() {
    Thread waiting = connecting;
    if (waiting != null) {
      woken = true;
      java.util.concurrent.locks.LockSupport.unpark(waiting);
    }
    reactor.post(this::cancelScheduled);
  }

  private int run(Long startNanos, int unitId, List<ModbusRequest> requests, Duration timeout, Duration gap,
      BooleanSupplier yield, Outcome[] outcomes, long[] rttNanos, long[] startedNanos) throws InterruptedException {
    if (requests.isEmpty()) return 0;
    lock.lockInterruptibly();
    try {
      rttNanos[0] = 0;
      // Not connected: the connect (and a failure) must wait for the start too, on this thread, or
      // a device that refuses connections would be retried at once instead of after its back-off.
      if (startNanos != null && (closed || !reactor.running() || needFresh || broken) && !awaitStart(startNanos, yield)) {
        return 0;
      }
      if (closed || !reactor.running()) {
        outcomes[0] = new Outcome.TransportDown("transport closed");
        return stamped(1, startedNanos);
      }
      SocketChannel fresh = null;
      if (needFresh || broken) {
        try {
          fresh = connect();
        } catch (IOException e) {
          outcomes[0] = new Outcome.TransportDown(String.valueOf(e.getMessage()));
          return stamped(1, startedNanos);
        }
        needFresh = false;
      }
      Batch b = new Batch(unitId, requests, timeout, gap, yield, outcomes, rttNanos);
      SocketChannel c = fresh;
      reactor.post(() -> start(b, c, startNanos));
      b.await(() -> reactor.post(() -> cancel(b)));
      if (startedNanos != null) startedNanos[0] = b.startedNanos != 0 ? b.startedNanos : System.nanoTime();
      return b.next;
    } finally {
      lock.unlock();
    }
  }

  /** Records "now" as the start of a batch that ended before the reactor sent anything. */
  private static int stamped(int ran, long[] startedNanos) {
    if (startedNanos != null) startedNanos[0] = System.nanoTime();
    return ran;
  }

  /**
   * Parks the caller until {@code startNanos}; false when {@code yield} turned true first (a write
   * is waiting: {@link #wake} unparks). Only for a transport that must connect first.
   */
  private boolean awaitStart(long startNanos, BooleanSupplier yield) throws InterruptedException {
    connecting = Thread.currentThread();
    try {
      while (!yield.getAsBoolean() && !woken) {
        long left = startNanos - System.nanoTime();
        if (left <= 0) return true;
        java.util.concurrent.locks.LockSupport.parkNanos(this, left);
        if (Thread.interrupted()) throw new InterruptedException("interrupted while waiting for the next poll");
      }
      woken = false;
      return false;
    } finally {
      connecting = null;
    }
  }

  private SocketChannel connect() throws IOException {
    SocketChannel c = SocketChannel.open();
    try {
      c.setOption(StandardSocketOptions.TCP_NODELAY, true);
      c.socket().connect(new InetSocketAddress(host, port), (int) Math.max(1, connectTimeout.toMillis()));
      SocketLink.refuseSelfConnect(c.socket());
      c.configureBlocking(false);
      return c;
    } catch (IOException e) {
      c.close();
      throw e;
    }
  }

  // ---- reactor thread ----

  private void start(Batch b, SocketChannel fresh, Long startNanos) {
    if (fresh != null) {
      closeChannel();
      if (!reactor.running()) {
        closeQuietly(fresh);
      } else {
        try {
          key = fresh.register(reactor.selector(), SelectionKey.OP_READ, this);
          channel = fresh;
          broken = false;
        } catch (IOException e) {
          closeQuietly(fresh);
        }
      }
    }
    batch = b;
    if (channel == null) {
      fail(new Outcome.TransportDown(reactor.running() ? "connection closed by peer" : "transport closed"));
      return;
    }
    long now = System.nanoTime();
    if (startNanos != null && b.yield.getAsBoolean()) {
      finish(); // a write is waiting: nothing ran, the caller runs it and asks again
    } else if (startNanos != null && startNanos - now > 0) {
      scheduled = true;
      reactor.schedule(this, startNanos, ++startTicket);
    } else {
      begin(now);
    }
  }

  /** The scheduled start of the waiting batch ({@code ticket}) is due. */
  void onStart(long ticket, long now) {
    if (!scheduled || ticket != startTicket || batch == null) return; // cancelled meanwhile
    scheduled = false;
    if (channel == null || batch.yield.getAsBoolean()) {
      finish(); // the connection closed while waiting, or a write is waiting: nothing ran, the caller asks again
    } else {
      begin(now);
    }
  }

  /** A write was queued: a batch still waiting for its start ends at once with nothing run. */
  private void cancelScheduled() {
    if (scheduled && batch != null) {
      scheduled = false;
      finish();
    }
  }

  private void begin(long now) {
    batch.startedNanos = now;
    send(now);
  }

  private void send(long now) {
    Batch b = batch;
    ModbusRequest r = b.requests.get(b.next);
    tid = (tid + 1) & 0xFFFF;
    int pduLen = r.encode(out, 7);
    MbapHeader.write(out, tid, pduLen + 1, b.unit);
    outBuf.clear().limit(7 + pduLen);
    awaiting = true;
    sentAt = now;
    reactor.arm(this, b.timeout, now);
    try {
      channel.write(outBuf);
    } catch (IOException e) {
      fail(new Outcome.TransportDown(String.valueOf(e.getMessage())));
      return;
    }
    if (outBuf.hasRemaining()) key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
  }

  void onReady(SelectionKey k, long now) {
    if (k != key || !k.isValid()) return;
    try {
      if (k.isWritable()) {
        channel.write(outBuf);
        if (!outBuf.hasRemaining()) k.interestOps(SelectionKey.OP_READ);
      }
      if (k.isReadable()) read(now);
    } catch (IOException e) {
      fail(new Outcome.TransportDown(String.valueOf(e.getMessage())));
    }
  }

  private void read(long now) throws IOException {
    while (channel != null) {
      inBuf.limit(in.length).position(have);
      int n = channel.read(inBuf);
      if (n < 0) {
        fail(new Outcome.TransportDown("connection closed by peer" + (have > 0 ? " mid-answer" : "")));
        return;
      }
      boolean full = have + n == in.length;
      have += n;
      if (!parse(now) || !full) return; // level-triggered: leftover bytes select again
    }
  }

  /** Takes every complete frame from the buffer; false when the connection was closed. */
  private boolean parse(long now) {
    int pos = 0;
    while (have - pos >= 7) {
      Outcome.Malformed bad = MbapHeader.check(in, pos, MbapHeader.MAX_LENGTH);
      if (bad != null) {
        fail(bad);
        return false;
      }
      int len = 6 + MbapHeader.length(in, pos);
      if (have - pos < len) break;
      int at = pos;
      pos += len;
      if (awaiting && MbapHeader.tid(in, at) == tid) {
        complete(answer(at, len), now); // may write the next request, or fail and close
        if (channel == null) return false;
      }
      // else: a late answer to an earlier request, or a stray frame: skipped
    }
    System.arraycopy(in, pos, in, 0, have - pos);
    have -= pos;
    return true;
  }

  private Outcome answer(int at, int len) {
    int unit = in[at + 6] & 0xFF;
    if (unit != batch.unit) return new Outcome.Malformed("answer from unit " + unit + ", expected " + batch.unit);
    return PduCodec.decode(batch.requests.get(batch.next), in, at + 7, len - 7);
  }

  private void complete(Outcome o, long now) {
    reactor.disarm(this);
    awaiting = false;
    Batch b = batch;
    b.outcomes[b.next] = o;
    b.rttNanos[b.next] = now - sentAt;
    b.next++;
    if (o instanceof Outcome.TimedOut || o instanceof Outcome.TransportDown || b.next == b.requests.size()
        || b.yield.getAsBoolean()) {
      finish();
    } else if (b.gap.isPositive()) {
      gapWait = true;
      reactor.arm(this, b.gap, now);
    } else {
      send(now);
    }
  }

  @Override
  void onTimer(long now) {
    if (gapWait) {
      gapWait = false;
      send(now);
    } else if (awaiting) {
      if (have > 0) closeChannel(); // the stream stopped mid-frame: resynchronise on a fresh connection
      complete(new Outcome.TimedOut(batch.timeout), now);
    }
  }

  /** Closes the connection; a batch in progress gets {@code o} for its current request and ends. */
  void fail(Outcome o) {
    closeChannel();
    Batch b = batch;
    if (b == null || b.done) return;
    if (scheduled && reactor.running()) return; // not started: at its start it ends with nothing run, and the caller reconnects
    reactor.disarm(this);
    b.outcomes[b.next] = o;
    b.rttNanos[b.next] = awaiting ? System.nanoTime() - sentAt : 0;
    b.next++;
    awaiting = false;
    gapWait = false;
    finish();
  }

  private void cancel(Batch b) {
    scheduled = false;
    if (batch == b && !b.done) fail(new Outcome.TransportDown("interrupted"));
  }

  void shutdown() {
    scheduled = false;
    fail(new Outcome.TransportDown("transport closed"));
  }

  private void finish() {
    Batch b = batch;
    batch = null;
    b.finish();
  }

  private void closeChannel() {
    if (channel == null) return;
    key.cancel();
    closeQuietly(channel);
    channel = null;
    key = null;
    have = 0;
    broken = true;
  }

  private static void closeQuietly(SocketChannel c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // closing a broken channel: nothing left to do
    }
  }

  // ---- any thread ----

  @Override
  public void reset() {
    lock.lock();
    try {
      needFresh = true;
      reactor.post(this::closeChannel);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    reset();
    reactor.release();
  }
}
