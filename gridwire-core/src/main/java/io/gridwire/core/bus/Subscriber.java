package io.gridwire.core.bus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber of a {@link Bus}: a bounded queue, a side table for coalescing, and a drain
 * thread. While the side table holds anything, new items go there too, so an item never
 * overtakes an older one of the same key.
 */
final class Subscriber<T> implements Subscription {
  private static final Logger log = LoggerFactory.getLogger(Subscriber.class);

  private final String name;
  private final SubscriberOptions options;
  private final Function<T, String> key;
  private final ToIntFunction<T> bytes;
  private final BinaryOperator<T> merge;
  private final Consumer<List<T>> handler;
  private final Consumer<Subscriber<T>> onClose;
  private final ArrayBlockingQueue<T> queue;
  private final ConcurrentHashMap<String, T> coalescing = new ConcurrentHashMap<>();
  private final LongAdder offered = new LongAdder();
  private final LongAdder handled = new LongAdder();
  private final java.util.concurrent.atomic.AtomicInteger coalescingKeys = new java.util.concurrent.atomic.AtomicInteger();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder coalesced = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final OverflowLog overflowLog;
  /** Items in {@link #queue}, kept apart so {@link #stats()} never takes the queue's lock (a scrape under load waited on it). */
  private final java.util.concurrent.atomic.AtomicInteger inQueue = new java.util.concurrent.atomic.AtomicInteger();
  private final Object drainedSignal = new Object();
  private volatile boolean closed;
  private volatile int waiters;
  private Thread thread;

  Subscriber(String name, SubscriberOptions options, Function<T, String> key, ToIntFunction<T> bytes,
      BinaryOperator<T> merge, Consumer<List<T>> handler, Consumer<Subscriber<T>> onClose) {
    this.merge = merge;
    this.name = name;
    this.options = options;
    this.key = key;
    this.bytes = bytes;
    this.overflowLog = new OverflowLog(name, options);
    this.handler = handler;
    this.onClose = onClose;
    this.queue = new ArrayBlockingQueue<>(options.capacity());
  }

  void start() {
    thread = Thread.ofPlatform().daemon().name("bus-" + name).start(this::run);
  }

  void offer(T item) {
    if (closed) return;
    offered.increment();
    int size = bytes.applyAsInt(item);
    if (coalescing.isEmpty() && reserve(size)) {
      if (queue.offer(item)) {
        inQueue.incrementAndGet();
        return;
      }
      queuedBytes.addAndGet(-size);
    }
    if (options.overflow() == Overflow.DROP) {
      drop();
      return;
    }
    String k = key.apply(item);
    if (coalesceInto(k, item)) {
      coalesced.increment();
      countHandled(1);
      return;
    }
    if (coalescingKeys.get() >= options.coalesceKeys() || !reserve(size)) {
      drop();
      return;
    }
    if (coalescing.putIfAbsent(k, item) != null) {
      queuedBytes.addAndGet(-size);
      drop();
      return;
    }
    coalescingKeys.incrementAndGet();
  }

  /**
   * Merges {@code item} into the waiting item of its key, if there is one (the byte count follows
   * the merged size, which may pass the bound by one item's worth: a merge never loses data).
   */
  private boolean coalesceInto(String k, T item) {
    while (true) {
      T old = coalescing.get(k);
      if (old == null) return false;
      T merged = merge.apply(old, item);
      if (coalescing.replace(k, old, merged)) {
        queuedBytes.addAndGet(bytes.applyAsInt(merged) - bytes.applyAsInt(old));
        return true;
      }
    }
  }

  /** Counts {@code size} bytes as waiting unless that crosses the byte bound. */
  private boolean reserve(int size) {
    long after = queuedBytes.addAndGet(size);
    if (after <= options.maxBytes() || after == size) return true;
    queuedBytes.addAndGet(-size);
    return false;
  }

  private void drop() {
    dropped.increment();
    countHandled(1);
    overflowLog.dropped(Math.max(0, inQueue.get()) + coalescing.size(), queuedBytes.get());
  }

  private void run() {
    List<T> batch = new ArrayList<>(options.maxBatch());
    while (!closed) {
      try {
        T first = queue.poll(50, TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          inQueue.addAndGet(-1 - queue.drainTo(batch, options.maxBatch() - 1));
          release(batch, 0);
        } else if (coalescing.isEmpty()) {
          continue;
        }
        if (queue.isEmpty() && !coalescing.isEmpty() && batch.size() < options.maxBatch()) {
          int from = batch.size();
          takeCoalesced(batch);
          release(batch, from);
        }
        deliver(batch);
      } catch (InterruptedException e) {
        if (closed) return;
      }
    }
  }

  private void release(List<T> batch, int from) {
    long sum = 0;
    for (int i = from; i < batch.size(); i++) sum += bytes.applyAsInt(batch.get(i));
    queuedBytes.addAndGet(-sum);
  }

  private void takeCoalesced(List<T> batch) {
    Iterator<Map.Entry<String, T>> it = coalescing.entrySet().iterator();
    while (it.hasNext() && batch.size() < options.maxBatch()) {
      Map.Entry<String, T> e = it.next();
      T item = coalescing.remove(e.getKey());
      if (item != null) {
        coalescingKeys.decrementAndGet();
        batch.add(item);
      }
    }
  }

  private void deliver(List<T> batch) {
    if (batch.isEmpty()) return;
    try {
      handler.accept(batch);
      delivered.add(batch.size());
    } catch (RuntimeException e) {
      failures.increment();
      log.warn("bus subscriber {} failed on a batch of {}: {}", name, batch.size(), e.toString(), e);
    } finally {
      countHandled(batch.size());
      batch.clear();
    }
  }

  private void countHandled(int n) {
    handled.add(n);
    if (waiters > 0) {
      synchronized (drainedSignal) {
        drainedSignal.notifyAll();
      }
    }
  }

  @Override
  public boolean awaitDrained(Duration timeout) throws InterruptedException {
    long target = offered.sum();
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (drainedSignal) {
      waiters++;
      try {
        while (handled.sum() < target) {
          long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          if (left <= 0 || closed) return handled.sum() >= target;
          drainedSignal.wait(Math.min(left, 20));
        }
      } finally {
        waiters--;
      }
    }
    return true;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public SubscriberStats stats() {
    return new SubscriberStats(name, Math.max(0, inQueue.get()) + coalescing.size(), delivered.sum(), coalesced.sum(),
        dropped.sum(), failures.sum(), queuedBytes.get());
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    onClose.accept(this);
    if (thread != null && thread != Thread.currentThread()) thread.interrupt();
  }
}
