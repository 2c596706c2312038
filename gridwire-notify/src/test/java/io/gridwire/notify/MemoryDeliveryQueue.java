package io.gridwire.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** A volatile {@link DeliveryQueue} for tests, bounded by a count (drop oldest). Thread-safe. */
public final class MemoryDeliveryQueue implements DeliveryQueue {
  private final int max;
  private final TreeMap<Long, String> entries = new TreeMap<>();
  private long seq;

  public MemoryDeliveryQueue(int max) {
    this.max = max;
  }

  @Override
  public synchronized int append(List<String> bodies) {
    for (String b : bodies) entries.put(++seq, b);
    int dropped = 0;
    while (entries.size() > max) {
      entries.pollFirstEntry();
      dropped++;
    }
    return dropped;
  }

  @Override
  public synchronized List<Entry> peek(int limit) {
    List<Entry> out = new ArrayList<>();
    for (var e : entries.entrySet()) {
      if (out.size() == limit) break;
      out.add(new Entry(e.getKey(), e.getValue()));
    }
    return out;
  }

  @Override
  public synchronized void delete(long s) {
    entries.remove(s);
  }

  @Override
  public synchronized long size() {
    return entries.size();
  }

  @Override
  public String bound() {
    return max + " messages";
  }

  @Override
  public void close() {}
}
