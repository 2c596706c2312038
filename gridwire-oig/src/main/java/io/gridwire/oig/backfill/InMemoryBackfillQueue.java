package io.gridwire.oig.backfill;

import java.util.Optional;
import java.util.TreeMap;

/** A {@link BackfillQueue} in memory (tests, no data directory). Thread-safe. */
public final class InMemoryBackfillQueue implements BackfillQueue {
  private final int bound;
  private final TreeMap<Long, BackfillEntry> entries = new TreeMap<>();
  private long nextId = 1;
  private long dropped;

  public InMemoryBackfillQueue(int bound) {
    this.bound = bound;
  }

  @Override
  public synchronized void add(BackfillEntry e) {
    long id = nextId++;
    entries.put(id, new BackfillEntry(id, e.deviceId(), e.table(), e.receivedAt(), e.raw()));
    while (entries.size() > bound) {
      entries.pollFirstEntry();
      dropped++;
    }
  }

  @Override
  public synchronized Optional<BackfillEntry> peek(String deviceId) {
    for (BackfillEntry e : entries.values()) if (e.deviceId().equals(deviceId)) return Optional.of(e);
    return Optional.empty();
  }

  @Override
  public synchronized void remove(long id) {
    entries.remove(id);
  }

  @Override
  public synchronized long size(String deviceId) {
    return entries.values().stream().filter(e -> e.deviceId().equals(deviceId)).count();
  }

  @Override
  public synchronized long size() {
    return entries.size();
  }

  @Override
  public synchronized long dropped() {
    return dropped;
  }

  @Override
  public void close() {}
}
