package io.gridwire.oig.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One platform thread owning the box and cloud connections of its sessions, non-blocking, with a
 * selector: a box frame is read, parsed and forwarded, and the cloud's answer read and written to
 * the box, in two wakes of this one thread, with no hand-off between threads (a virtual thread per
 * connection cost a park and an unpark through the carrier pool per wake: most of the proxy's CPU).
 *
 * <pre>
 *  loop: posted tasks → tasks the loop posted to itself → select (until the next timer or
 *        sweep, or a posted task) → readable/writable channels → due timers
 *        → the {@link DeadlineSweep} every period
 * </pre>
 *
 * A task the loop posts to itself (a session's next frame once one is answered) runs before the
 * next select, without a wake-up or a syscall of its own.
 *
 * Nothing on this thread blocks: cloud connects and probes run on virtual threads and post the
 * connected channel here; store calls run on each session's {@link SerialLane}. Thread-safe entry
 * points: {@link #execute} and {@link #close}; everything else runs on the loop thread.
 */
final class IoLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IoLoop.class);

  /** What a registered channel's key carries: told on the loop when the channel is ready. */
  interface Handler {
    void ready(SelectionKey key);
  }

  /** A one-shot timer on the loop; {@link #cancel} (loop only) before it fires. */
  static final class Timer {
    private final long due;
    private final Runnable task;
    private boolean cancelled;

    private Timer(long due, Runnable task) {
      this.due = due;
      this.task = task;
    }

    void cancel() {
      cancelled = true;
    }
  }

  private final Selector selector;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  /** Tasks the loop posted to itself: run before the next select. */
  private final java.util.ArrayDeque<Runnable> own = new java.util.ArrayDeque<>();
  private final AtomicBoolean woken = new AtomicBoolean();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> Long.compare(a.due, b.due));
  private final DeadlineSweep sweep;
  private final long sweepNanos;
  /** One read buffer for every channel of the loop: each read is handled before the next. */
  private final ByteBuffer readBuffer = ByteBuffer.allocate(16 * 1024);
  private volatile boolean stopping;
  /** Set when the loop thread has ended, stopped or failed: nothing posted afterwards would run. */
  private volatile boolean dead;
  private long nextSweep;
  private final java.util.function.Consumer<SelectionKey> onKey = this::onKey;

  /** Starts the loop thread {@code name}; {@code sweep} runs on it every {@code sweepEvery}. */
  IoLoop(String name, DeadlineSweep sweep, Duration sweepEvery) {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("OIG proxy: cannot open a selector: " + e.getMessage(), e);
    }
    this.sweep = sweep;
    this.sweepNanos = sweepEvery.toNanos();
    this.nextSweep = System.nanoTime() + sweepNanos;
    thread = Thread.ofPlatform().daemon().name(name).start(this::run);
  }

  /** The deadlines this loop sweeps. */
  DeadlineSweep sweep() {
    return sweep;
  }

  /** Runs {@code task} on the loop soon, after what is already posted; false once the loop has stopped. */
  boolean execute(Runnable task) {
    if (Thread.currentThread() == thread) {
      own.addLast(task);
      return true;
    }
    if (dead || (!thread.isAlive() && stopping)) return false;
    tasks.add(task);
    if (woken.compareAndSet(false, true)) selector.wakeup();
    return true;
  }

  /** Registers {@code channel} (non-blocking) for {@code ops}; loop only. */
  SelectionKey register(SelectableChannel channel, int ops, Handler handler) throws ClosedChannelException {
    return channel.register(selector, ops, handler);
  }

  /** Runs {@code task} on the loop after {@code delay}; loop only. */
  Timer schedule(Duration delay, Runnable task) {
    Timer t = new Timer(System.nanoTime() + delay.toNanos(), task);
    timers.add(t);
    return t;
  }

  /** The shared read buffer, cleared; loop only. */
  ByteBuffer readBuffer() {
    return readBuffer.clear();
  }

  /** Stops the loop after the tasks posted so far have run; waits up to 5 s for it. */
  @Override
  public void close() {
    stopping = true;
    selector.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      boolean more = true;
      while (more) more = turn(); // each turn a method of its own: see turn()
      runTasks(); // the sessions' closes the proxy posted before it stopped the loop
      runOwn();
    } catch (IOException | RuntimeException e) {
      log.error("OIG I/O loop {} failed: {}", thread.getName(), e.toString(), e);
    } finally {
      dead = true; // from now on execute() says no, and its callers close what they hold
      runTasks(); // posted before that: closes and connected channels (they fail quietly on a closed selector)
      runOwn();
      for (SelectionKey k : selector.keys()) closeQuietly(k.channel());
      closeQuietly(selector);
    }
  }

  /**
   * One turn of the loop; false once stopping. A method of its own, not the body of the loop in
   * {@link #run}: the JIT compiles a method after some thousand calls, but a loop body only after
   * tens of thousands of iterations (on-stack replacement); at a few hundred turns a second the
   * loop would run in the interpreter for minutes.
   */
  private boolean turn() throws IOException {
    runTasks();
    runOwn();
    if (stopping) return false;
    long now = System.nanoTime();
    long until = nextSweep;
    Timer first = timers.peek();
    if (first != null && first.due < until) until = first.due;
    long waitMs = Math.max(1, (until - now + 999_999) / 1_000_000);
    woken.set(false);
    if (tasks.isEmpty()) selector.select(onKey, waitMs);
    else selector.selectNow(onKey);
    runTimers();
    now = System.nanoTime();
    if (now - nextSweep >= 0) {
      nextSweep = now + sweepNanos;
      sweep.run();
    }
    return true;
  }

  private void onKey(SelectionKey key) {
    if (!key.isValid()) return; // closed by a handler earlier in this pass (a session closes its cloud link)
    try {
      ((Handler) key.attachment()).ready(key);
    } catch (RuntimeException e) {
      // one broken connection must not stop the others
      log.warn("OIG I/O loop: {} (connection closed)", e.toString(), e);
      closeQuietly(key.channel());
    }
  }

  private void runOwn() {
    for (Runnable r; (r = own.pollFirst()) != null; ) {
      try {
        r.run();
      } catch (RuntimeException e) {
        log.warn("OIG I/O loop task failed: {}", e.toString(), e);
      }
    }
  }

  private void runTasks() {
    for (Runnable r; (r = tasks.poll()) != null; ) {
      try {
        r.run();
      } catch (RuntimeException e) {
        log.warn("OIG I/O loop task failed: {}", e.toString(), e);
      }
    }
  }

  private void runTimers() {
    long now = System.nanoTime();
    for (Timer t; (t = timers.peek()) != null && now - t.due >= 0; ) {
      timers.poll();
      if (t.cancelled) continue;
      try {
        t.task.run();
      } catch (RuntimeException e) {
        log.warn("OIG I/O loop timer failed: {}", e.toString(), e);
      }
    }
  }

  static void closeQuietly(AutoCloseable c) {
    try {
      if (c != null) c.close();
    } catch (Exception ignored) {
      // closing anyway
    }
  }
}
