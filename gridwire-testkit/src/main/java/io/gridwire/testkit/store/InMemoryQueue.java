package io.gridwire.testkit.store;

import io.gridwire.core.log.QueueDropLog;
import io.gridwire.core.port.DurableQueue;
import io.gridwire.core.port.QueueBounds;
import io.gridwire.core.port.QueueEntry;
import io.gridwire.core.port.QueueStats;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A {@link DurableQueue} in memory with the same bounds and drops as the SQLite one, for tests; it
 * "survives a restart" when the same instance is reused (close does nothing). Thread-safe.
 */
public final class InMemoryQueue implements DurableQueue {
  private final QueueBounds bounds;
  private final QueueDropLog drops;
  private final String instanceId = UUID.randomUUID().toString();
  private final TreeMap<Long, QueueEntry> entries = new TreeMap<>();
  private long lastSeq;
  private long bytes;
  private long dropped;

  public InMemoryQueue(QueueBounds bounds) {
    this.bounds = Objects.requireNonNull(bounds, "bounds");
    this.drops = new QueueDropLog("in-memory", bounds, Clock.systemUTC());
  }

  /** A queue of at most {@code maxMessages} entries and no practical byte bound. */
  public static InMemoryQueue ofCount(long maxMessages) {
    return new InMemoryQueue(new QueueBounds(maxMessages, Long.MAX_VALUE, "the test's bound"));
  }

  @Override
  public String instanceId() {
    return instanceId;
  }

  @Override
  public synchronized int append(List<QueueEntry.Draft> drafts) {
    for (QueueEntry.Draft d : drafts) {
      QueueEntry e = new QueueEntry(++lastSeq, d.key(), d.createdAt(), d.topic(), d.payload());
      entries.put(e.seq(), e);
      bytes += e.size();
    }
    int n = 0;
    while (!entries.isEmpty() && !bounds.fits(entries.size(), bytes)) {
      bytes -= entries.pollFirstEntry().getValue().size();
      n++;
    }
    dropped += n;
    drops.full(n);
    return n;
  }

  @Override
  public synchronized List<QueueEntry> read(long afterSeq, long upToSeq, int limit) {
    List<QueueEntry> out = new ArrayList<>();
    if (upToSeq <= afterSeq) return out;
    for (QueueEntry e : entries.subMap(afterSeq, false, upToSeq, true).values()) {
      if (out.size() >= limit) break;
      out.add(e);
    }
    return out;
  }

  @Override
  public synchronized Optional<QueueEntry> oldest(String key) {
    return entries.values().stream().filter(e -> e.key().equals(key)).findFirst();
  }

  @Override
  public synchronized long count(String key) {
    return entries.values().stream().filter(e -> e.key().equals(key)).count();
  }

  @Override
  public synchronized int remove(Collection<Long> seqs) {
    int n = 0;
    for (Long s : seqs) {
      QueueEntry e = entries.remove(s);
      if (e != null) {
        bytes -= e.size();
        n++;
      }
    }
    return n;
  }

  @Override
  public synchronized int acknowledge(long upToSeq) {
    int n = 0;
    while (!entries.isEmpty() && entries.firstKey() <= upToSeq) {
      bytes -= entries.pollFirstEntry().getValue().size();
      n++;
    }
    return n;
  }

  @Override
  public synchronized int expire(Instant cutoff) {
    int n = 0;
    while (!entries.isEmpty() && entries.firstEntry().getValue().createdAt().isBefore(cutoff)) {
      bytes -= entries.pollFirstEntry().getValue().size();
      n++;
    }
    dropped += n;
    drops.expired(n);
    return n;
  }

  @Override
  public synchronized long lastSeq() {
    return lastSeq;
  }

  @Override
  public synchronized QueueStats stats() {
    Map.Entry<Long, QueueEntry> first = entries.firstEntry();
    return new QueueStats(entries.size(), bytes, first == null ? null : first.getValue().createdAt(), dropped);
  }

  @Override
  public void close() {}
}
