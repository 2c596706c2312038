package io.gridwire.oig.capture;

import io.gridwire.core.port.capture.CaptureStore;
import io.gridwire.core.port.capture.CapturedFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves captured frames from sessions to the {@link CaptureStore} on one writer thread, in
 * batches. {@link #offer} never blocks a session: when the queue is full the frame is dropped and
 * counted. A batch gathers for {@link #LINGER_MILLIS} after its first frame, or until
 * {@link #BATCH} wait: at a steady trickle of frames, one transaction per frame or two cost more
 * CPU than the proxying itself. The writer sleeps through the linger and is woken early only by
 * the offer that completes a batch: one wake-up per batch (polling the queue every 50 ms woke it
 * 20 times a second at any rate). Thread-safe.
 */
public final class CaptureWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CaptureWriter.class);
  /** How long a batch gathers frames before it is written. */
  public static final long LINGER_MILLIS = 250;
  /** Frames written in one transaction at most; the offer that makes a batch full wakes the writer. */
  static final int BATCH = 512;
  private final CaptureStore store;
  private final long lingerNanos;
  private final BlockingQueue<Object> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final Thread thread;
  private volatile boolean closed;

  public CaptureWriter(CaptureStore store, int capacity) {
    this(store, capacity, LINGER_MILLIS);
  }

  /** As {@link #CaptureWriter(CaptureStore, int)}, gathering a batch for {@code lingerMillis} (tests). */
  CaptureWriter(CaptureStore store, int capacity, long lingerMillis) {
    this.lingerNanos = lingerMillis * 1_000_000;
    this.store = store;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = Thread.ofPlatform().daemon().name("oig-capture-writer").start(this::run);
  }

  /** Queues a frame; false (and counted) when the queue is full. */
  public boolean offer(CapturedFrame f) {
    return queued(queue.offer(f));
  }

  /** Queues another store operation (connection opened/closed, mode change), in order with frames. */
  public boolean offer(java.util.function.Consumer<CaptureStore> op) {
    return queued(queue.offer(op));
  }

  private boolean queued(boolean queued) {
    if (!queued) {
      dropped.incrementAndGet();
      return false;
    }
    if (queue.size() >= BATCH - 1) LockSupport.unpark(thread); // a full batch: no need to wait out the linger
    return true;
  }

  public long dropped() {
    return dropped.get();
  }

  public long written() {
    return written.get();
  }

  /** Waits until everything queued so far is written (tests, shutdown). */
  public boolean flush(long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (!queue.isEmpty() && System.currentTimeMillis() < deadline) Thread.sleep(5);
    synchronized (this) {
      return queue.isEmpty();
    }
  }

  private void run() {
    List<CapturedFrame> batch = new ArrayList<>(BATCH);
    while (!closed || !queue.isEmpty()) {
      try {
        Object first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        synchronized (this) {
          long until = System.nanoTime() + lingerNanos;
          // parked through the linger; the offer that fills a batch (or close) unparks
          for (long left; !closed && queue.size() < BATCH - 1 && (left = until - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) throw new InterruptedException();
          }
          List<Object> items = new ArrayList<>(64);
          items.add(first);
          queue.drainTo(items, BATCH - 1);
          for (Object item : items) {
            if (item instanceof CapturedFrame f) {
              batch.add(f);
              continue;
            }
            writeBatch(batch);
            @SuppressWarnings("unchecked")
            java.util.function.Consumer<CaptureStore> op = (java.util.function.Consumer<CaptureStore>) item;
            op.accept(store);
          }
          writeBatch(batch);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("capture write failed, {} frames lost: {}", batch.size(), e.toString());
        dropped.addAndGet(batch.size());
      } finally {
        batch.clear();
      }
    }
  }

  private void writeBatch(List<CapturedFrame> batch) {
    if (batch.isEmpty()) return;
    store.append(batch);
    written.addAndGet(batch.size());
    batch.clear();
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
