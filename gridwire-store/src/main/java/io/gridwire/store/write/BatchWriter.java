package io.gridwire.store.write;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.bus.Subscription;
import io.gridwire.core.retry.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write-behind behind a bus: items arrive on the bus subscriber's thread into a buffer; the
 * writer's own thread writes when {@code flushMaxUnits} units wait or the oldest has waited
 * {@code flushInterval} (checked every tick against the injected clock), whichever first. A
 * write takes everything waiting up to the batch cap, so under load batches grow (group commit).
 *
 * <pre>
 *  bus ──▶ [bus queue, DROP] ──▶ buffer (≤ maxBufferedUnits) ──flush──▶ sink (store.append)
 *               │ full: counted            │ store failing: retry with back-off,
 *               ▼                          ▼ drop oldest beyond the bound, counted
 *           DATA_DROPPED report (at most every 10 s)
 * </pre>
 *
 * The bus thread never waits for the store: it keeps buffering while the writer thread writes. A failed batch goes back to the front of the buffer.
 * {@link #close} drains the bus queue and flushes everything. Thread-safe.
 *
 * @param <T> item type
 */
public final class BatchWriter<T> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);
  private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

  private final String name;
  private final WriterSettings settings;
  private final Clock clock;
  private final ToIntFunction<T> weight;
  private final java.util.function.ToLongFunction<T> bytes;
  private final long maxBufferedBytes;
  private final Consumer<List<T>> sink;
  private final DropReport report;
  private final WriterMetrics metrics;
  private final ReentrantLock bufferLock = new ReentrantLock();
  private final ReentrantLock flushLock = new ReentrantLock();
  private final ArrayDeque<T> buffer = new ArrayDeque<>();
  private long bufferedUnits;
  private long bufferedBytes;
  private Instant oldestSince;
  private Instant nextAttempt = Instant.MIN;
  private final Backoff backoff;
  private long consecutiveFailures;
  private long busDropsSeen;
  private long unreportedBus;
  private long unreportedBuffer;
  private boolean bufferDropsWhileFailing;
  private Instant lastReport = Instant.MIN;
  private volatile Subscription subscription;
  private final java.util.concurrent.locks.Condition wake = bufferLock.newCondition();
  private volatile boolean stopping;
  private volatile long flushDeadline = Long.MAX_VALUE;
  private Thread thread;

  /**
   * @param name writer name for threads, logs and the {@code writer} metric tag
   * @param weight units of one item (values of a reading; 1 for an event)
   * @param sink writes one batch, blocking; throws to signal a failure to retry
   * @param report told about drops; may be null
   */
  public BatchWriter(String name, WriterSettings settings, Clock clock, MeterRegistry meters, ToIntFunction<T> weight,
      Consumer<List<T>> sink, DropReport report) {
    this(name, settings, clock, meters, weight, item -> 0, Long.MAX_VALUE, sink, report);
  }

  /**
   * Like the other constructor, the buffer also bounded in memory: beyond {@code maxBufferedBytes}
   * (by {@code bytes} of each item) the oldest items are dropped and counted as for the unit bound.
   */
  public BatchWriter(String name, WriterSettings settings, Clock clock, MeterRegistry meters, ToIntFunction<T> weight,
      java.util.function.ToLongFunction<T> bytes, long maxBufferedBytes, Consumer<List<T>> sink, DropReport report) {
    if (maxBufferedBytes < 1) throw new IllegalArgumentException("maxBufferedBytes must be ≥ 1: " + maxBufferedBytes);
    this.bytes = bytes;
    this.maxBufferedBytes = maxBufferedBytes;
    this.name = name;
    this.settings = settings;
    this.clock = clock;
    this.weight = weight;
    this.sink = sink;
    this.report = report;
    this.backoff = new Backoff(settings.minBackoff(), settings.maxBackoff());
    this.metrics = new WriterMetrics(meters, name, this::queued);
  }

  /** Subscribes to {@code bus} (durable: drops, never coalesces) and starts the flush timer. */
  public void start(Bus<T> bus) {
    start(bus, items -> items);
  }

  /**
   * Like {@link #start(Bus)}, buffering what {@code convert} makes of each batch the bus hands
   * over (on the bus thread: e.g. a compact form, so the bus queue and its items are freed at once).
   */
  public <S> void start(Bus<S> bus, Function<List<S>, List<T>> convert) {
    subscription = bus.subscribeBatch("store-" + name, SubscriberOptions.durable(settings.queueCapacity()),
        items -> accept(convert.apply(items)));
    thread = Thread.ofPlatform().daemon().name("store-" + name + "-writer").start(this::run);
  }

  private void run() {
    long tickNanos = settings.tick().toNanos();
    while (!stopping) {
      bufferLock.lock();
      try {
        if (bufferedUnits < settings.flushMaxUnits()) wake.awaitNanos(tickNanos);
      } catch (InterruptedException e) {
        return;
      } finally {
        bufferLock.unlock();
      }
      tickSafely();
    }
  }

  /**
   * Buffers items and wakes the writer thread when enough wait. Called on the bus thread; never
   * waits for the store.
   */
  public void accept(List<T> items) {
    bufferLock.lock();
    try {
      if (buffer.isEmpty()) oldestSince = clock.instant();
      for (T item : items) {
        buffer.addLast(item);
        bufferedUnits += weight.applyAsInt(item);
        bufferedBytes += bytes.applyAsLong(item);
      }
      enforceBound();
      if (bufferedUnits >= settings.flushMaxUnits()) wake.signal();
    } finally {
      bufferLock.unlock();
    }
  }

  /**
   * Flushes when enough units wait or the oldest buffered item is due (a retry waits for its
   * back-off), and reports drops. Called by the writer thread every tick.
   */
  public void tick() {
    countBusDrops();
    Instant now = clock.instant();
    boolean due;
    bufferLock.lock();
    try {
      due = !buffer.isEmpty() && (bufferedUnits >= settings.flushMaxUnits()
          || !now.isBefore(oldestSince.plus(settings.flushInterval())));
    } finally {
      bufferLock.unlock();
    }
    if (due) flush(false);
    reportDrops(false);
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.warn("store writer {} timer failed: {}", name, e.toString(), e);
    }
  }

  /**
   * Writes everything buffered, in batches of at most the batch cap. Unless forced, does
   * nothing while another flush runs or a retry is not yet due.
   *
   * @return true when the buffer was emptied
   */
  boolean flush(boolean force) {
    if (force) flushLock.lock();
    else if (!flushLock.tryLock()) return false;
    try {
      while (true) {
        if (!force && (stopping || clock.instant().isBefore(nextAttempt))) return false;
        if (force && flushDeadline != Long.MAX_VALUE && System.nanoTime() - flushDeadline > 0) return false;
        boolean bounded = force && flushDeadline != Long.MAX_VALUE;
        // Against a stop bound, small batches: the bound is checked between two batches.
        List<T> batch = takeBatch(bounded ? settings.flushMaxUnits() : settings.batchCapUnits());
        if (batch.isEmpty()) return true;
        if (!write(batch)) return false;
      }
    } finally {
      flushLock.unlock();
    }
  }

  private List<T> takeBatch(long cap) {
    List<T> batch = new ArrayList<>();
    bufferLock.lock();
    try {
      long units = 0;
      while (!buffer.isEmpty() && (batch.isEmpty() || units + weight.applyAsInt(buffer.peekFirst()) <= cap)) {
        T item = buffer.pollFirst();
        int w = weight.applyAsInt(item);
        units += w;
        bufferedUnits -= w;
        bufferedBytes -= bytes.applyAsLong(item);
        batch.add(item);
      }
      if (!buffer.isEmpty()) oldestSince = clock.instant();
    } finally {
      bufferLock.unlock();
    }
    return batch;
  }

  private boolean write(List<T> batch) {
    int units = 0;
    for (T item : batch) units += weight.applyAsInt(item);
    long start = System.nanoTime();
    try {
      sink.accept(batch);
    } catch (RuntimeException e) {
      failed(batch, e);
      return false;
    }
    metrics.latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    metrics.batch.record(units);
    metrics.written.increment(units);
    if (consecutiveFailures > 0) log.info("store writer {} recovered after {} failed attempts", name, consecutiveFailures);
    consecutiveFailures = 0;
    nextAttempt = Instant.MIN;
    return true;
  }

  private void failed(List<T> batch, RuntimeException e) {
    metrics.failures.increment();
    consecutiveFailures++;
    if (consecutiveFailures == 1 || Long.bitCount(consecutiveFailures) == 1) {
      log.warn("store writer {}: write of {} items failed (attempt {}), retrying in {}: {}", name, batch.size(),
          consecutiveFailures, backoff.cap((int) Math.min(consecutiveFailures, Integer.MAX_VALUE)), e.getMessage());
    }
    nextAttempt = clock.instant().plus(backoff.cap((int) Math.min(consecutiveFailures, Integer.MAX_VALUE)));
    bufferLock.lock();
    try {
      for (int i = batch.size() - 1; i >= 0; i--) {
        buffer.addFirst(batch.get(i));
        bufferedUnits += weight.applyAsInt(batch.get(i));
        bufferedBytes += bytes.applyAsLong(batch.get(i));
      }
      oldestSince = clock.instant();
      enforceBound();
    } finally {
      bufferLock.unlock();
    }
  }

  /** Drops the oldest items beyond the bounds (units, bytes); caller holds the buffer lock. */
  private void enforceBound() {
    long dropped = 0;
    while ((bufferedUnits > settings.maxBufferedUnits() || bufferedBytes > maxBufferedBytes) && buffer.size() > 1) {
      T item = buffer.pollFirst();
      int w = weight.applyAsInt(item);
      bufferedUnits -= w;
      bufferedBytes -= bytes.applyAsLong(item);
      dropped += w;
    }
    if (dropped > 0) {
      metrics.droppedAtBuffer.increment(dropped);
      unreportedBuffer += dropped;
      bufferDropsWhileFailing |= consecutiveFailures > 0;
    }
  }

  private void countBusDrops() {
    Subscription s = subscription;
    if (s == null) return;
    long total = s.stats().dropped();
    bufferLock.lock();
    try {
      long delta = total - busDropsSeen;
      if (delta > 0) {
        busDropsSeen = total;
        unreportedBus += delta;
        metrics.droppedAtBus.increment(delta);
      }
    } finally {
      bufferLock.unlock();
    }
  }

  private void reportDrops(boolean now) {
    long bus;
    long buf;
    boolean failing;
    bufferLock.lock();
    try {
      Instant t = clock.instant();
      if (unreportedBus + unreportedBuffer == 0 || (!now && t.isBefore(lastReport.plus(REPORT_EVERY)))) return;
      bus = unreportedBus;
      buf = unreportedBuffer;
      unreportedBus = 0;
      unreportedBuffer = 0;
      failing = bufferDropsWhileFailing;
      bufferDropsWhileFailing = false;
      lastReport = t;
    } finally {
      bufferLock.unlock();
    }
    log.warn(dropMessage(name, bus, buf, failing));
    if (report != null) report.dropped(name, bus, buf);
  }

  /** What the drop warning says: why each kind of drop happened, and what to do. */
  static String dropMessage(String name, long bus, long buf, boolean storeFailed) {
    StringBuilder m = new StringBuilder("store writer ").append(name).append(" dropped");
    if (bus > 0) {
      m.append(' ').append(bus).append(" items because its bus queue overflowed (the writer falls behind the input:"
          + " store fewer values with report_by_exception and deadbands, or raise storage.writer_queue)");
    }
    if (bus > 0 && buf > 0) m.append(" and");
    if (buf > 0) {
      m.append(' ').append(buf).append(storeFailed ? " values from its buffer while the store failed (see the write errors above)"
          : " values from its buffer because the store is slower than the input");
    }
    return m.append("; counted in gridwire_store_write_dropped_total").toString();
  }

  /** Units waiting: buffered plus items queued on the bus. */
  public long queued() {
    Subscription s = subscription;
    return bufferedUnits + (s == null ? 0 : s.stats().queued());
  }

  /** Units dropped from the buffer plus items dropped by the bus, since start. */
  public long dropped() {
    countBusDrops();
    return (long) (metrics.droppedAtBus.count() + metrics.droppedAtBuffer.count());
  }

  /** Units written since start. */
  public long written() {
    return (long) metrics.written.count();
  }

  /**
   * Stops the timer, waits for the bus queue to drain into the buffer, then writes everything,
   * retrying a failing store up to {@code closeTimeout}. Blocking; idempotent.
   */
  @Override
  public void close() {
    close(settings.closeTimeout().plusSeconds(10));
  }

  /**
   * {@link #close()} within {@code bound}: the writer thread stops after its current batch, and
   * what is not written by then (a failing or too slow store, a backlog from overload) is dropped,
   * counted and reported, so a stop never outlasts the bound by more than one batch.
   */
  public void close(Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    stopping = true;
    if (thread != null) {
      bufferLock.lock();
      try {
        wake.signal();
      } finally {
        bufferLock.unlock();
      }
      try {
        thread.join(Duration.ofNanos(Math.max(1, Math.min(left(deadline), settings.closeTimeout().plusSeconds(5).toNanos()))));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Subscription s = subscription;
    if (s != null) {
      try {
        if (!s.awaitDrained(Duration.ofNanos(Math.max(1, Math.min(left(deadline), 5_000_000_000L))))) {
          log.warn("store writer {}: bus queue not drained at close", name);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      countBusDrops();
      s.close();
    }
    flushDeadline = System.nanoTime() + Math.min(left(deadline), settings.closeTimeout().toNanos());
    drainAtClose();
    reportDrops(true);
  }

  private static long left(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  private void drainAtClose() {
    long deadline = flushDeadline;
    Duration pause = settings.minBackoff();
    while (!flush(true)) {
      if (System.nanoTime() - deadline > 0 || Thread.currentThread().isInterrupted()) {
        bufferLock.lock();
        try {
          log.error("store writer {}: {} units not written within the stop bound (store failing or behind); they are lost,"
              + " counted in gridwire_store_write_dropped_total", name, bufferedUnits);
          metrics.droppedAtBuffer.increment(bufferedUnits);
          unreportedBuffer += bufferedUnits;
          buffer.clear();
          bufferedUnits = 0;
          bufferedBytes = 0;
        } finally {
          bufferLock.unlock();
        }
        return;
      }
      try {
        Thread.sleep(pause.toMillis()); // shutdown only: real time, the clock may be manual
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : pause.multipliedBy(2);
    }
  }
}
