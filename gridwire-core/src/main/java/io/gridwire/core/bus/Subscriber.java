package io.gridwire.core.bus;

import io.gridwire.core.buffer.CoalescingBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber of a {@link Bus}: a {@link CoalescingBuffer} behind one lock, and a drain
 * thread. While the buffer's coalescing side holds anything, new items go there too, so an item
 * never overtakes an older one of the same key. {@link #stats()} never takes the lock (a scrape
 * under load waited on it): the sizes it reports are copied out under the lock.
 *
 * <p>Wake-ups: an idle drain thread sleeps until an item arrives (never on a timer), takes the
 * first item at once, and after each batch that was not full waits {@link SubscriberOptions#linger}
 * (default 100 ms) before draining again, so
 * a steady trickle (111 OIG frames/s, thousands of Modbus readings/s) wakes it at most 10 times a
 * second instead of once per item: on a small box a thread wake-up costs more than most handlers.
 */
final class Subscriber<T> implements Subscription {
  private static final Logger log = LoggerFactory.getLogger(Subscriber.class);

  private final String name;
  private final SubscriberOptions options;
  private final Function<T, String> key;
  private final ToIntFunction<T> bytes;
  private final Consumer<List<T>> handler;
  private final Consumer<Subscriber<T>> onClose;
  private final CoalescingBuffer<T> buffer;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final LongAdder offered = new LongAdder();
  private final LongAdder handled = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder coalesced = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final OverflowLog overflowLog;
  /** {@link CoalescingBuffer#size()} and {@link CoalescingBuffer#bytes()}, written under the lock. */
  private volatile int waiting;
  private volatile long waitingBytes;
  private final Object drainedSignal = new Object();
  private volatile boolean closed;
  private volatile int waiters;
  private Thread thread;

  Subscriber(String name, SubscriberOptions options, Function<T, String> key, ToIntFunction<T> bytes,
      BinaryOperator<T> merge, Consumer<List<T>> handler, Consumer<Subscriber<T>> onClose) {
    this.name = name;
    this.options = options;
    this.key = key;
    this.bytes = bytes;
    this.overflowLog = new OverflowLog(name, options);
    this.handler = handler;
    this.onClose = onClose;
    this.buffer = new CoalescingBuffer<>(options.capacity(),
        options.overflow() == Overflow.DROP ? 0 : options.coalesceKeys(), options.maxBytes(), bytes, merge);
  }

  void start() {
    thread = Thread.ofPlatform().daemon().name("bus-" + name).start(this::run);
  }

  void offer(T item) {
    if (closed) return;
    offered.increment();
    int size = bytes.applyAsInt(item);
    CoalescingBuffer.Result result;
    int queued;
    long queuedBytes;
    lock.lock();
    try {
      boolean wasEmpty = buffer.isEmpty();
      result = buffer.offer(item, size, key);
      queued = waiting = buffer.size();
      queuedBytes = waitingBytes = buffer.bytes();
      if (wasEmpty && result != CoalescingBuffer.Result.DROPPED) notEmpty.signal();
    } finally {
      lock.unlock();
    }
    switch (result) {
      case QUEUED -> {}
      case COALESCED -> {
        coalesced.increment();
        countHandled(1);
      }
      case DROPPED -> {
        dropped.increment();
        countHandled(1);
        overflowLog.dropped(queued, queuedBytes);
      }
    }
  }

  private void run() {
    List<T> batch = new ArrayList<>(options.maxBatch());
    while (!closed) {
      try {
        lock.lock();
        try {
          while (buffer.isEmpty() && !closed) notEmpty.await(); // close() interrupts
          buffer.drainTo(batch, options.maxBatch());
          waiting = buffer.size();
          waitingBytes = buffer.bytes();
        } finally {
          lock.unlock();
        }
        boolean delivered = !batch.isEmpty();
        boolean full = batch.size() >= options.maxBatch();
        deliver(batch);
        // a full batch means a backlog: drain it without pausing
        if (delivered && !full && !options.linger().isZero() && !closed) Thread.sleep(options.linger());
      } catch (InterruptedException e) {
        if (closed) return;
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
    return new SubscriberStats(name, waiting, delivered.sum(), coalesced.sum(), dropped.sum(), failures.sum(),
        waitingBytes);
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    onClose.accept(this);
    if (thread != null && thread != Thread.currentThread()) thread.interrupt();
  }
}
