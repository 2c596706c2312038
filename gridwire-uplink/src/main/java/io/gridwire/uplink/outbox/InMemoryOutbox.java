package io.gridwire.uplink.outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A volatile {@link Outbox} with the same bounds as the SQLite one: for unit tests and for links
 * configured without durability. Thread-safe.
 */
public final class InMemoryOutbox implements Outbox {
  private final OutboxBounds bounds;
  private final String instanceId = UUID.randomUUID().toString();
  private final TreeMap<Long, OutboxEntry> entries = new TreeMap<>();
  private long lastSeq;
  private long bytes;
  private long dropped;

  public InMemoryOutbox(OutboxBounds bounds) {
    this.bounds = Objects.requireNonNull(bounds, "bounds");
  }

  @Override
  public String instanceId() {
    return instanceId;
  }

  @Override
  public synchronized int append(List<OutboxEntry.Draft> drafts) {
    for (OutboxEntry.Draft d : drafts) {
      OutboxEntry e = new OutboxEntry(++lastSeq, d.key(), d.createdAt(), d.topic(), d.body());
      entries.put(e.seq(), e);
      bytes += e.size();
    }
    int n = 0;
    while (!entries.isEmpty() && (entries.size() > bounds.maxMessages() || bytes > bounds.maxBytes())) {
      bytes -= entries.pollFirstEntry().getValue().size();
      n++;
    }
    dropped += n;
    return n;
  }

  @Override
  public synchronized List<OutboxEntry> read(long afterSeq, long upToSeq, int limit) {
    List<OutboxEntry> out = new ArrayList<>(Math.min(limit, 1024));
    if (upToSeq <= afterSeq) return out;
    for (OutboxEntry e : entries.subMap(afterSeq, false, upToSeq, true).values()) {
      if (out.size() >= limit) break;
      out.add(e);
    }
    return out;
  }

  @Override
  public synchronized int delete(Collection<Long> seqs) {
    int n = 0;
    for (Long s : seqs) {
      OutboxEntry e = entries.remove(s);
      if (e != null) {
        bytes -= e.size();
        n++;
      }
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
    return n;
  }

  @Override
  public synchronized long lastSeq() {
    return lastSeq;
  }

  @Override
  public synchronized OutboxStats stats() {
    Map.Entry<Long, OutboxEntry> first = entries.firstEntry();
    return new OutboxStats(entries.size(), bytes, first == null ? null : first.getValue().createdAt(), dropped);
  }

  @Override
  public void close() {}
}
