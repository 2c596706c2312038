package io.gridwire.core.bus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
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
  /** Items in {@link #queue}, kept apart so {@link #stats()} never takes the queue's lock (a scrape under load waited on it). */
  private final java.util.concurrent.atomic.AtomicInteger inQueue = new java.util.concurrent.atomic.AtomicInteger();
  private final Object drainedSignal = new Object();
  private volatile boolean closed;
  private volatile int waiters;
  private Thread thread;

  Subscriber(String name, SubscriberOptions options, Function<T, String> key, Consumer<List<T>> handler,
      Consumer<Subscriber<T>> onClose) {
    this.name = name;
    this.options = options;
    this.key = key;
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
    if (coalescing.isEmpty() && queue.offer(item)) {
      inQueue.incrementAndGet();
      return;
    }
    if (options.overflow() == Overflow.DROP) {
      dropped.increment();
      countHandled(1);
      return;
    }
    String k = key.apply(item);
    if (coalescing.replace(k, item) != null) {
      coalesced.increment();
      countHandled(1);
      return;
    }
    if (coalescingKeys.get() >= options.coalesceKeys() || coalescing.putIfAbsent(k, item) != null) {
      dropped.increment();
      countHandled(1);
      return;
    }
    coalescingKeys.incrementAndGet();
  }

  private void run() {
    List<T> batch = new ArrayList<>(options.maxBatch());
    while (!closed) {
      try {
        T first = queue.poll(50, TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          inQueue.addAndGet(-1 - queue.drainTo(batch, options.maxBatch() - 1));
        } else if (coalescing.isEmpty()) {
          continue;
        }
        if (queue.isEmpty() && !coalescing.isEmpty() && batch.size() < options.maxBatch()) {
          takeCoalesced(batch);
        }
        deliver(batch);
      } catch (InterruptedException e) {
        if (closed) return;
      }
    }
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
        dropped.sum(), failures.sum());
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    onClose.accept(this);
    if (thread != null && thread != Thread.currentThread()) thread.interrupt();
  }
}
