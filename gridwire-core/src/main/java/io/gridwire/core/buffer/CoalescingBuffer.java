package io.gridwire.core.buffer;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * A bounded buffer that coalesces by key once it is full: the one behind every bus subscriber and
 * every {@code /ws/metrics} client.
 *
 * <pre>
 *  offer(key, item) ──▶ [queue: queueBound items, maxBytes] ──▶ poll / drainTo (queue first)
 *                             │ full
 *                             ▼
 *                      [one item per key: coalesceBound keys] ──full──▶ DROPPED
 * </pre>
 *
 * While the coalescing side holds anything, new items go there too, so an item never overtakes an
 * older one of the same key. An item without a key (null) is queued while there is room and
 * dropped otherwise. A merge is never refused: the byte count follows the merged size, which may
 * pass {@code maxBytes} by one item's worth. One item is always accepted into an empty queue,
 * whatever its size. Not thread-safe: the owner holds its own lock around every call.
 *
 * @param <T> the items
 */
public final class CoalescingBuffer<T> {
  /** What {@link #offer} did with the item. */
  public enum Result { QUEUED, COALESCED, DROPPED }

  private static final Function<Object, String> NO_KEY = t -> null;

  private final int queueBound;
  private final int coalesceBound;
  private final long maxBytes;
  private final ToIntFunction<T> bytes;
  private final BinaryOperator<T> merge;
  /** The queue: a ring of items and their sizes (so taking an item never asks {@link #bytes} again). */
  private Object[] items;
  private int[] sizes;
  private int head;
  private int count;
  private final LinkedHashMap<String, Sized<T>> coalescing = new LinkedHashMap<>();
  private long queuedBytes;

  private record Sized<T>(T item, int size) {}

  /**
   * @param queueBound items the queue holds before coalescing starts
   * @param coalesceBound keys the coalescing side holds; 0 drops instead of coalescing
   * @param maxBytes bound on the summed {@code bytes} of everything waiting
   * @param bytes the size of one item ({@code t -> 0} when only counts matter)
   * @param merge the waiting item and a newer one of the same key → the item to keep
   */
  public CoalescingBuffer(int queueBound, int coalesceBound, long maxBytes, ToIntFunction<T> bytes,
      BinaryOperator<T> merge) {
    if (queueBound < 0) throw new IllegalArgumentException("queueBound must be >= 0: " + queueBound);
    if (coalesceBound < 0) throw new IllegalArgumentException("coalesceBound must be >= 0: " + coalesceBound);
    this.queueBound = queueBound;
    this.coalesceBound = coalesceBound;
    this.maxBytes = maxBytes;
    this.bytes = bytes;
    this.merge = merge;
    int initial = Math.max(2, Math.min(queueBound + 1, 1024));
    this.items = new Object[initial];
    this.sizes = new int[initial];
  }

  /** A buffer bounded by item counts only, the newer item of a key replacing the waiting one. */
  public static <T> CoalescingBuffer<T> latestPerKey(int queueBound, int coalesceBound) {
    return new CoalescingBuffer<>(queueBound, coalesceBound, Long.MAX_VALUE, t -> 0, (older, newer) -> newer);
  }

  /** Buffers {@code item} under {@code key} (null: never coalesced). */
  public Result offer(String key, T item) {
    return offer(item, key == null ? NO_KEY : t -> key);
  }

  /**
   * Buffers {@code item} under the key {@code keyOf} gives it (null: never coalesced), asking
   * {@code keyOf} only when the item cannot simply be queued (the common case costs no key).
   */
  public Result offer(T item, Function<? super T, String> keyOf) {
    return offer(item, bytes.applyAsInt(item), keyOf);
  }

  /** Like {@link #offer(Object, Function)}, with the item's size already known (computed outside the owner's lock). */
  public Result offer(T item, int size, Function<? super T, String> keyOf) {
    if (coalescing.isEmpty() && count < queueBound && fits(size)) {
      addLast(item, size);
      return Result.QUEUED;
    }
    String key = coalesceBound == 0 ? null : keyOf.apply(item);
    if (key == null) {
      if (count < queueBound && fits(size)) {
        addLast(item, size);
        return Result.QUEUED;
      }
      return Result.DROPPED;
    }
    Sized<T> old = coalescing.get(key);
    if (old != null) {
      T merged = merge.apply(old.item(), item);
      int mergedSize = bytes.applyAsInt(merged);
      coalescing.put(key, new Sized<>(merged, mergedSize));
      queuedBytes += mergedSize - old.size();
      return Result.COALESCED;
    }
    if (coalescing.size() >= coalesceBound || !fits(size)) return Result.DROPPED;
    coalescing.put(key, new Sized<>(item, size));
    queuedBytes += size;
    return Result.QUEUED;
  }

  private void addLast(T item, int size) {
    if (count == items.length) grow();
    int i = (head + count) % items.length;
    items[i] = item;
    sizes[i] = size;
    count++;
    queuedBytes += size;
  }

  private void grow() {
    Object[] newItems = new Object[items.length * 2];
    int[] newSizes = new int[items.length * 2];
    for (int i = 0; i < count; i++) {
      newItems[i] = items[(head + i) % items.length];
      newSizes[i] = sizes[(head + i) % items.length];
    }
    items = newItems;
    sizes = newSizes;
    head = 0;
  }

  private boolean fits(int size) {
    long after = queuedBytes + size;
    return after <= maxBytes || after == size;
  }

  /** Puts {@code item} ahead of everything, past the bounds (a snapshot that must go first). */
  public void addFirst(T item) {
    if (count == items.length) grow();
    head = (head - 1 + items.length) % items.length;
    items[head] = item;
    sizes[head] = bytes.applyAsInt(item);
    count++;
    queuedBytes += sizes[head];
  }

  /** The item {@link #poll} would return, or null. */
  @SuppressWarnings("unchecked")
  public T peek() {
    if (count > 0) return (T) items[head];
    if (coalescing.isEmpty()) return null;
    return coalescing.values().iterator().next().item();
  }

  /** The oldest queued item, else the oldest coalesced one, or null when empty. */
  @SuppressWarnings("unchecked")
  public T poll() {
    if (count > 0) {
      T t = (T) items[head];
      items[head] = null;
      queuedBytes -= sizes[head];
      head = (head + 1) % items.length;
      count--;
      return t;
    }
    Iterator<Sized<T>> it = coalescing.values().iterator();
    if (!it.hasNext()) return null;
    Sized<T> s = it.next();
    it.remove();
    queuedBytes -= s.size();
    return s.item();
  }

  /** Moves up to {@code max} items to {@code into}, in {@link #poll} order; returns how many. */
  public int drainTo(List<T> into, int max) {
    int n = 0;
    while (n < max) {
      T t = poll();
      if (t == null) break;
      into.add(t);
      n++;
    }
    return n;
  }

  /** Items waiting, queued and coalesced. */
  public int size() {
    return count + coalescing.size();
  }

  public boolean isEmpty() {
    return count == 0 && coalescing.isEmpty();
  }

  /** The summed {@code bytes} of the items waiting. */
  public long bytes() {
    return queuedBytes;
  }

  public void clear() {
    Arrays.fill(items, null);
    head = 0;
    count = 0;
    coalescing.clear();
    queuedBytes = 0;
  }
}
