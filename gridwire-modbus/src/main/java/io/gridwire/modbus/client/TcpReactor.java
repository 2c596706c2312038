package io.gridwire.modbus.client;

import io.gridwire.modbus.codec.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One platform thread driving many non-blocking Modbus TCP connections ({@link NioTcpTransport})
 * with a selector and per-delay deadline lists: an answer is read, checked and the device's next
 * request written in the same pass, so a poll of n blocks wakes its caller once instead of n
 * times (docs/perf/modbus.md: the per-request park/unpark of a blocking socket on a virtual
 * thread was most of the poller's CPU).
 *
 * <pre>
 *  loop: select (until the earliest deadline, or a posted task)
 *        → readable/writable channels → posted tasks → expired deadlines
 * </pre>
 *
 * Nothing on this thread blocks: connects happen on the caller's thread, decoding of registers
 * into values on the device's own thread. Thread-safe entry points: {@link #post}, {@link #retain},
 * {@link #release}, {@link #close}; everything else runs on the reactor thread.
 */
public final class TcpReactor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TcpReactor.class);
  private final Selector selector;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean sleeping = new AtomicBoolean();
  private final AtomicInteger users = new AtomicInteger();
  private final Map<Long, DeadlineList> byDelay = new HashMap<>();
  /** Batches waiting for their start time (reactor thread only); a cancelled one is skipped when it comes up. */
  private final java.util.PriorityQueue<Start> starts = new java.util.PriorityQueue<>();
  private final List<DeadlineList> lists = new ArrayList<>();
  private final long minPassNanos;
  private volatile boolean running = true;
  private volatile boolean terminated;

  /** A reactor that handles each event as soon as it is ready ({@code minPass} zero). */
  public TcpReactor(String name) {
    this(name, Duration.ZERO);
  }

  /**
   * Starts the reactor thread (a daemon named {@code name}).
   *
   * @param minPass least time between the starts of two passes: under load one wake-up then
   *     serves every answer that arrived meanwhile instead of one context switch per answer, at
   *     the price of up to {@code minPass} added to each round trip (zero: no coalescing)
   */
  public TcpReactor(String name, Duration minPass) {
    if (minPass.isNegative()) throw new IllegalArgumentException("minPass must not be negative: " + minPass);
    this.minPassNanos = minPass.toNanos();
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
    // Its own thread, not the shared scheduler: poll deadlines and the request gap are kept to the
    // millisecond here, and a housekeeping task must never make a poll late.
    thread = Thread.ofPlatform().name(name).daemon().start(this::loop);
  }

  Selector selector() {
    return selector;
  }

  boolean running() {
    return running;
  }

  /** Runs {@code task} on the reactor thread (or, once it has stopped, on the caller's). */
  void post(Runnable task) {
    tasks.add(task);
    if (terminated) {
      runTasks();
    } else if (sleeping.get() && sleeping.compareAndSet(true, false)) {
      selector.wakeup();
    }
  }

  /** Arms {@code n} to fire {@code after} from {@code now}; reactor thread only. */
  void arm(TimerNode n, Duration after, long now) {
    long d = after.toNanos();
    DeadlineList l = byDelay.get(d);
    if (l == null) {
      l = new DeadlineList();
      byDelay.put(d, l);
      lists.add(l);
    }
    l.append(n, now + d);
  }

  /** A batch's start at {@code at} ({@link System#nanoTime}); {@code ticket} tells a cancelled one. */
  private record Start(long at, NioTcpTransport transport, long ticket) implements Comparable<Start> {
    @Override
    public int compareTo(Start o) {
      return Long.compare(at - o.at, 0);
    }
  }

  /**
   * Calls {@link NioTcpTransport#onStart} with {@code ticket} at {@code at}; reactor thread only.
   * A poll's start is timed here rather than on the device's thread, so a poll wakes that thread
   * once (when its answers are in) instead of three times (its timer, the batch's start, its end).
   */
  void schedule(NioTcpTransport t, long at, long ticket) {
    starts.add(new Start(at, t, ticket));
  }

  /** Disarms {@code n} if armed; reactor thread only. */
  void disarm(TimerNode n) {
    if (n.list != null) n.list.remove(n);
  }

  /** One more transport uses this reactor. */
  public void retain() {
    users.incrementAndGet();
  }

  /** A transport is closed; the last one stops the reactor. */
  public void release() {
    if (users.decrementAndGet() <= 0) close();
  }

  /** Stops the thread; connections still open are closed and waiting callers get a transport failure. */
  @Override
  public void close() {
    running = false;
    selector.wakeup();
  }

  /** Waits up to {@code d} for the reactor thread to end (tests). */
  public boolean awaitTermination(Duration d) throws InterruptedException {
    return thread.join(d);
  }

  private void loop() {
    long lastPass = System.nanoTime();
    while (running) {
      try {
        lastPass = coalesce(lastPass);
        selectOnce();
        runTasks();
        long now = System.nanoTime();
        for (DeadlineList l : lists) l.expire(now);
        startDue(now);
      } catch (IOException | RuntimeException e) { // a bug must not stop every device's I/O
        log.error("Modbus TCP reactor pass failed", e);
      }
    }
    for (SelectionKey k : selector.keys()) {
      if (k.attachment() instanceof NioTcpTransport t) t.shutdown();
    }
    for (Start s : starts) s.transport.shutdown(); // batches waiting for their start (their connection may be gone)
    starts.clear();
    runTasks();
    terminated = true;
    runTasks();
    try {
      selector.close();
    } catch (IOException ignored) {
      // closing: nothing left to do
    }
  }

  private void startDue(long now) {
    Start s;
    while ((s = starts.peek()) != null && s.at - now <= 0) {
      starts.poll();
      try {
        s.transport.onStart(s.ticket, now);
      } catch (RuntimeException e) {
        log.error("Modbus TCP reactor: starting a poll failed", e);
        s.transport.fail(new Outcome.TransportDown("internal error: " + e));
      }
    }
  }

  /** Sleeps out the rest of the minimum pass interval when work is not already queued; returns the new pass start. */
  private long coalesce(long lastPass) {
    long now = System.nanoTime();
    long rest = minPassNanos - (now - lastPass);
    if (rest > 0 && tasks.isEmpty() && running) {
      LockSupport.parkNanos(this, rest);
      now = System.nanoTime();
    }
    return now;
  }

  private void selectOnce() throws IOException {
    long next = Long.MAX_VALUE;
    long now = System.nanoTime();
    for (DeadlineList l : lists) {
      long e = l.earliest();
      if (e != Long.MAX_VALUE && (next == Long.MAX_VALUE || e - next < 0)) next = e;
    }
    Start first = starts.peek();
    if (first != null && (next == Long.MAX_VALUE || first.at - next < 0)) next = first.at;
    sleeping.set(true);
    try {
      if (!tasks.isEmpty() || !running) {
        selector.selectNow(this::ready);
      } else if (next == Long.MAX_VALUE) {
        selector.select(this::ready);
      } else {
        long ms = (next - now + 999_999) / 1_000_000;
        if (ms <= 0) selector.selectNow(this::ready);
        else selector.select(this::ready, ms);
      }
    } finally {
      sleeping.set(false);
    }
  }

  private void ready(SelectionKey key) {
    if (!(key.attachment() instanceof NioTcpTransport t)) return;
    try {
      t.onReady(key, System.nanoTime());
    } catch (RuntimeException e) {
      log.error("Modbus TCP reactor: connection handler failed", e);
      t.fail(new Outcome.TransportDown("internal error: " + e));
    }
  }

  private void runTasks() {
    Runnable r;
    while ((r = tasks.poll()) != null) {
      try {
        r.run();
      } catch (RuntimeException e) {
        log.error("Modbus TCP reactor task failed", e);
      }
    }
  }
}
