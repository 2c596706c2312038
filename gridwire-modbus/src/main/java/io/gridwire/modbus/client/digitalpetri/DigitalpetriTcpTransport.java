package io.gridwire.modbus.client.digitalpetri;

import com.digitalpetri.modbus.client.ModbusClientConfig;
import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.exceptions.ModbusException;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import io.gridwire.modbus.codec.ModbusRequest;
import io.gridwire.modbus.client.ModbusTransport;
import io.gridwire.modbus.codec.Outcome;
import io.gridwire.modbus.codec.PduCodec;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Modbus TCP to one device through the digitalpetri 2.x client ({@code ModbusTcpClient} over
 * {@code NettyTcpClientTransport}) on a {@link SharedEventLoop}. digitalpetri frames requests,
 * numbers and matches transactions, times requests out and owns the connection state machine;
 * this class keeps the {@link ModbusTransport} contract on top of it:
 *
 * <ul>
 *   <li>answers are checked by {@link PduCodec} (as for the reactor transport), exception
 *       answers become {@link Outcome.Refused} with their code;
 *   <li>each request has its own timeout ({@link RequestTimeouts}); late answers are skipped by
 *       transaction id; a timeout with half a frame buffered closes the connection;
 *   <li>a lost connection fails the request in flight at once with {@link Outcome.TransportDown}
 *       and a reason (digitalpetri alone would let it time out), a bad MBAP header with
 *       {@link Outcome.Malformed} ({@link MbapGuard});
 *   <li>connects are lazy and explicit: only when a request needs the connection, never in the
 *       background, so the poller's back-off paces reconnects;
 *   <li>a batch ({@link #executeAll}) is chained on the event loop: each answer is checked and
 *       the next request sent from digitalpetri's callback, the caller parks once per batch.
 * </ul>
 *
 * Thread-safe: callers are serialised (one request in flight per device).
 */
public final class DigitalpetriTcpTransport implements ModbusTransport {
  private final SharedEventLoop loop;
  private final Duration connectTimeout;
  private final NettyTcpClientTransport netty;
  private final ModbusTcpClient client;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean needFresh = true; // under lock
  private volatile boolean closed;
  private volatile Channel channel; // the newest connection
  private volatile MbapGuard guard; // its guard
  private volatile Batch batch; // the batch in progress, or null
  private volatile Duration sendingTimeout = Duration.ofSeconds(1); // read by RequestTimeouts while a request is sent
  private volatile int sentTid = -1; // transaction id of the request in flight

  public DigitalpetriTcpTransport(SharedEventLoop loop, String host, int port, Duration connectTimeout) {
    this.loop = loop;
    this.connectTimeout = connectTimeout;
    netty = NettyTcpClientTransport.create(cfg -> cfg.setHostname(host).setPort(port).setConnectTimeout(connectTimeout)
        .setEventLoopGroup(loop.group())
        .setExecutor(loop.group()) // callbacks on the loop too: no pool of digitalpetri's own
        .setConnectPersistent(false) // a failed connect fails, it is not retried in the background
        .setReconnectLazy(true) // a lost connection waits for the next request
        .setChannelFsmCustomizer(fsm -> fsm.setMaxIdleSeconds(0).setScheduler(loop.group()))
        .setPipelineCustomizer(this::install));
    ModbusClientConfig config = ModbusClientConfig.create(c -> c.setTimeoutScheduler(new RequestTimeouts(this::ioThread, () -> sendingTimeout)));
    client = new TrackedClient(config, netty, tid -> sentTid = tid);
    loop.retain(); // last: a constructor that throws leaves no reference behind
  }

  /**
   * digitalpetri's client, telling which transaction id each request is sent with (MbapGuard
   * checks the unit of that answer). Its log lines (a late answer: "No pending request for
   * response frame") appear under this class's name.
   */
  private static final class TrackedClient extends ModbusTcpClient {
    private final IntConsumer sent;

    TrackedClient(ModbusClientConfig config, NettyTcpClientTransport transport, IntConsumer sent) {
      super(config, transport);
      this.sent = sent;
    }

    @Override
    protected TransactionSequence createTransactionSequence() {
      DefaultTransactionSequence ids = new DefaultTransactionSequence();
      return () -> {
        int tid = ids.next(); // called on the sending thread while the request is framed
        sent.accept(tid);
        return tid;
      };
    }
  }

  private void install(ChannelPipeline p) {
    MbapGuard g = new MbapGuard(new MbapGuard.Listener() {
      @Override
      public int awaitedUnit(int tid) {
        Batch b = batch;
        return b != null && tid == sentTid ? b.unit : -1;
      }

      @Override
      public void broken(Channel ch, Outcome o) {
        Batch b = batch;
        if (b != null && ch == channel) b.fail(o);
      }

      @Override
      public void rejected(Channel ch, Outcome.Malformed o) {
        Batch b = batch;
        if (b != null && ch == channel) b.settle(b.current(), o);
      }
    });
    p.addFirst("gridwire-mbap-guard", g);
    guard = g;
    channel = p.channel();
  }

  private EventExecutor ioThread() {
    Channel ch = channel;
    return ch != null ? ch.eventLoop() : loop.group().next();
  }

  @Override
  public Outcome execute(int unitId, ModbusRequest request, Duration timeout) {
    return ModbusTransport.executeOne(this, unitId, request, timeout);
  }

  @Override
  public int executeAll(int unitId, List<ModbusRequest> requests, Duration timeout, Duration gap, BooleanSupplier yield,
      Outcome[] outcomes, long[] rttNanos) throws InterruptedException {
    if (requests.isEmpty()) return 0;
    lock.lockInterruptibly();
    try {
      rttNanos[0] = 0;
      if (closed) {
        outcomes[0] = new Outcome.TransportDown("transport closed");
        return 1;
      }
      Outcome down = connectIfNeeded();
      if (down != null) {
        outcomes[0] = down;
        return 1;
      }
      Batch b = new Batch(unitId, requests, timeout, gap, yield, outcomes, rttNanos);
      batch = b;
      b.send();
      return b.await();
    } finally {
      batch = null;
      lock.unlock();
    }
  }

  /** Null when connected, else why not. Caller's thread, under the lock. */
  private Outcome connectIfNeeded() throws InterruptedException {
    Channel ch = channel;
    if (!needFresh && netty.isConnected() && ch != null && ch.isActive()) return null;
    needFresh = true;
    try {
      // from any state (idle after a loss, connected to a dead peer) back to not connected, then one attempt
      netty.disconnect().get(connectTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
      netty.connect().get(connectTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return new Outcome.TransportDown(reason(e));
    } catch (TimeoutException e) {
      netty.disconnect();
      return new Outcome.TransportDown("connect did not complete within " + connectTimeout.toMillis() + " ms");
    }
    ch = channel;
    // TCP simultaneous open to a free local port talks to itself (see SocketLink.refuseSelfConnect)
    if (ch.localAddress() != null && ch.localAddress().equals(ch.remoteAddress())) {
      netty.disconnect();
      return new Outcome.TransportDown("connected to itself at " + ch.localAddress() + ": nobody listens there");
    }
    needFresh = false;
    return null;
  }

  /** The requests of one {@link #executeAll}: sent one after another from digitalpetri's callbacks. */
  private final class Batch {
    final int unit;
    final List<ModbusRequest> requests;
    final Duration timeout;
    final Duration gap;
    final BooleanSupplier yield;
    final Outcome[] outcomes;
    final long[] rttNanos;
    final CompletableFuture<Integer> done = new CompletableFuture<>();
    private final byte[] pdu = new byte[253];
    private int next; // guarded by this
    private long sentAt; // guarded by this

    Batch(int unit, List<ModbusRequest> requests, Duration timeout, Duration gap, BooleanSupplier yield,
        Outcome[] outcomes, long[] rttNanos) {
      this.unit = unit;
      this.requests = requests;
      this.timeout = timeout;
      this.gap = gap;
      this.yield = yield;
      this.outcomes = outcomes;
      this.rttNanos = rttNanos;
    }

    /** Sends the current request; never holds this batch's monitor while digitalpetri runs. */
    void send() {
      int index;
      byte[] bytes;
      synchronized (this) {
        if (done.isDone()) return;
        index = next;
        bytes = Arrays.copyOf(pdu, requests.get(index).encode(pdu, 0));
        sentAt = System.nanoTime();
      }
      sendingTimeout = timeout;
      client.sendRawAsync(unit, bytes).whenComplete((answer, error) ->
          settle(index, error == null ? PduCodec.decode(requests.get(index), answer, 0, answer.length) : outcomeOf(error)));
    }

    synchronized int current() {
      return next;
    }

    /** Request {@code index} ended with {@code o}: send the next one, or end the batch. */
    void settle(int index, Outcome o) {
      synchronized (this) {
        if (index != next || done.isDone()) return; // this request already ended (connection lost, bad frame)
        record(o);
        if (o instanceof Outcome.TimedOut) dropPartialFrame();
        if (o instanceof Outcome.TimedOut || o instanceof Outcome.TransportDown || next == requests.size() || yield.getAsBoolean()) {
          done.complete(next);
          return;
        }
      }
      if (gap.isPositive()) {
        loop.group().schedule(this::send, gap.toNanos(), TimeUnit.NANOSECONDS);
      } else {
        send();
      }
    }

    /** Ends the batch: the current request gets {@code o}. */
    synchronized void fail(Outcome o) {
      if (done.isDone()) return;
      record(o);
      done.complete(next);
    }

    private void record(Outcome o) {
      outcomes[next] = o;
      rttNanos[next] = System.nanoTime() - sentAt;
      next++;
    }

    private Outcome outcomeOf(Throwable error) {
      Throwable c = error;
      while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) c = c.getCause();
      return switch (c) {
        case ModbusResponseException e -> new Outcome.Refused(e.getExceptionCode());
        case TimeoutException e -> new Outcome.TimedOut(timeout);
        case ModbusException e -> new Outcome.Malformed(String.valueOf(e.getMessage())); // wrong function, empty PDU
        default -> new Outcome.TransportDown(String.valueOf(c.getMessage()));
      };
    }

    /**
     * Waits for the batch. Bounded even if digitalpetri never completed a request; an interrupt
     * ends the batch, closes the connection (the device sees no second request in flight) and throws.
     */
    int await() throws InterruptedException {
      Duration bound = timeout.plus(gap).multipliedBy(requests.size()).plusSeconds(5);
      try {
        return done.get(bound.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        fail(new Outcome.TransportDown("interrupted"));
        abandonConnection();
        throw e;
      } catch (TimeoutException e) {
        fail(new Outcome.TimedOut(timeout));
        abandonConnection();
        return done.join();
      } catch (ExecutionException e) {
        throw new IllegalStateException("a batch never completes exceptionally", e);
      }
    }
  }

  /**
   * After a timeout: half a frame in the buffer means the stream is out of step; start afresh.
   * Timeouts fire on the connection's loop, so the close is done before the caller wakes.
   */
  private void dropPartialFrame() {
    Channel ch = channel;
    MbapGuard g = guard;
    if (ch == null || g == null) return;
    if (ch.eventLoop().inEventLoop()) {
      if (g.midFrame()) ch.close();
    } else {
      ch.eventLoop().execute(() -> {
        if (g.midFrame()) ch.close();
      });
    }
  }

  private void abandonConnection() {
    needFresh = true;
    netty.disconnect();
  }

  private static String reason(ExecutionException e) {
    Throwable c = e.getCause();
    while (c instanceof CompletionException && c.getCause() != null) c = c.getCause();
    return c == null ? String.valueOf(e.getMessage()) : String.valueOf(c.getMessage());
  }

  @Override
  public void reset() {
    lock.lock();
    try {
      abandonConnection();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) return;
      closed = true;
      netty.disconnect();
    } finally {
      lock.unlock();
    }
    loop.release();
  }
}
