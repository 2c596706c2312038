package io.gridwire.core.bus;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The one in-process bus every connector publishes to and every sink reads from (SPEC §2).
 *
 * <pre>
 *  connector ──publish()──┬──▶ [queue A] ──thread A──▶ handler A   (latest values)
 *                         ├──▶ [queue B] ──thread B──▶ handler B   (history writer)
 *                         └──▶ [queue C] ──thread C──▶ handler C   (WebSocket hub)
 * </pre>
 *
 * {@link #publish} only offers to each subscriber's bounded queue and never blocks: a stalled
 * subscriber fills its own queue, then coalesces or drops with a counter, and costs the others
 * nothing. Each subscriber is served by its own thread, in publish order.
 *
 * @param <T> item type ({@code Reading}, {@code Event})
 */
public final class Bus<T> implements AutoCloseable {
  private final String name;
  private final Function<T, String> key;
  private final ToIntFunction<T> bytes;
  private final BinaryOperator<T> merge;
  private final CopyOnWriteArrayList<Subscriber<T>> subscribers = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /**
   * @param name bus name for thread names and metrics
   * @param key the coalescing key of an item (the device id for readings)
   */
  public Bus(String name, Function<T, String> key) {
    this(name, key, item -> 64);
  }

  /**
   * @param name bus name for thread names and metrics
   * @param key the coalescing key of an item (the device id for readings)
   * @param bytes a cheap estimate of an item's heap size, for the byte bound of every queue
   */
  public Bus(String name, Function<T, String> key, ToIntFunction<T> bytes) {
    this(name, key, bytes, (older, newer) -> newer);
  }

  /**
   * @param name bus name for thread names and metrics
   * @param key the coalescing key of an item (the device id for readings)
   * @param bytes a cheap estimate of an item's heap size, for the byte bound of every queue
   * @param merge what a coalescing queue keeps when a newer item of a key arrives while an older
   *     one waits ({@code (older, newer) -> ...}); items that are partial (a table, a change
   *     delta) must merge, or a slow sink loses what only the older one held
   */
  public Bus(String name, Function<T, String> key, ToIntFunction<T> bytes, BinaryOperator<T> merge) {
    this.name = Objects.requireNonNull(name, "name");
    this.key = Objects.requireNonNull(key, "key");
    this.bytes = Objects.requireNonNull(bytes, "bytes");
    this.merge = Objects.requireNonNull(merge, "merge");
  }

  public String name() {
    return name;
  }

  /** Offers the item to every subscriber. Never blocks; thread-safe. */
  public void publish(T item) {
    Objects.requireNonNull(item, "item");
    for (Subscriber<T> s : subscribers) s.offer(item);
  }

  /** Subscribes a batch handler: it receives items in publish order, a batch at a time. */
  public Subscription subscribeBatch(String subscriber, SubscriberOptions options, Consumer<List<T>> handler) {
    if (closed) throw new IllegalStateException("bus " + name + " is closed");
    Subscriber<T> s = new Subscriber<>(name + "/" + subscriber, options, key, bytes, merge, handler, subscribers::remove);
    subscribers.add(s);
    s.start();
    return s;
  }

  /** Subscribes a per-item handler. */
  public Subscription subscribe(String subscriber, SubscriberOptions options, Consumer<T> handler) {
    return subscribeBatch(subscriber, options, batch -> {
      for (T item : batch) handler.accept(item);
    });
  }

  public List<SubscriberStats> stats() {
    List<SubscriberStats> out = new ArrayList<>();
    for (Subscriber<T> s : subscribers) out.add(s.stats());
    return out;
  }

  /** Waits until every subscriber has handled what was published before this call. */
  public boolean awaitDrained(java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Subscriber<T> s : subscribers) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !s.awaitDrained(java.time.Duration.ofNanos(left))) return false;
    }
    return true;
  }

  /** Closes every subscription; queued items are discarded (drain first for a clean stop). */
  @Override
  public void close() {
    closed = true;
    for (Subscriber<T> s : subscribers) s.close();
  }
}
