package io.gridwire.testkit.store;

import io.gridwire.core.port.capture.CaptureStore;
import io.gridwire.core.port.capture.CapturedFrame;
import io.gridwire.core.port.capture.ConnectionRecord;
import io.gridwire.core.port.capture.Direction;
import io.gridwire.core.port.capture.ModeTransition;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link CaptureStore} in memory, bounded to {@code maxFrames} (oldest dropped). Thread-safe. */
public final class InMemoryCaptureStore implements CaptureStore {
  private final int maxFrames;
  private final Deque<CapturedFrame> frames = new ArrayDeque<>();
  private final Map<Long, ConnectionRecord> connections = new LinkedHashMap<>();
  private final List<ModeTransition> transitions = new ArrayList<>();

  public InMemoryCaptureStore(int maxFrames) {
    this.maxFrames = maxFrames;
  }

  public InMemoryCaptureStore() {
    this(100_000);
  }

  @Override
  public synchronized void append(List<CapturedFrame> batch) {
    for (CapturedFrame f : batch) {
      frames.addLast(f);
      if (frames.size() > maxFrames) frames.removeFirst();
    }
  }

  @Override
  public synchronized void connectionOpened(long id, String remote, Instant at) {
    connections.put(id, new ConnectionRecord(id, remote, null, at, null, 0, null));
  }

  @Override
  public synchronized void connectionClosed(long id, String deviceId, long count, Instant at, String reason) {
    ConnectionRecord c = connections.get(id);
    if (c != null) connections.put(id, new ConnectionRecord(id, c.remote(), deviceId, c.opened(), at, count, reason));
  }

  @Override
  public synchronized void modeChanged(ModeTransition t) {
    transitions.add(t);
  }

  @Override
  public synchronized long maxConnectionId() {
    return connections.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  @Override
  public synchronized List<TableStat> tableStats(Instant since) {
    Map<String, long[]> acc = new LinkedHashMap<>(); // count, first ms, last ms
    for (CapturedFrame f : frames) {
      if (f.direction() != Direction.BOX || f.time().isBefore(since) || f.table() == null) continue;
      long t = f.time().toEpochMilli();
      long[] a = acc.computeIfAbsent(f.table(), k -> new long[] {0, t, t});
      a[0]++;
      a[1] = Math.min(a[1], t);
      a[2] = Math.max(a[2], t);
    }
    List<TableStat> out = new ArrayList<>();
    acc.forEach((k, a) -> out.add(new TableStat(k, a[0], a[0] < 2 ? null : (a[2] - a[1]) / 1000.0 / (a[0] - 1))));
    out.sort(Comparator.comparing(TableStat::count).reversed());
    return out;
  }

  @Override
  public synchronized List<ConnectionRecord> connections(int limit) {
    List<ConnectionRecord> out = new ArrayList<>(connections.values());
    List<ConnectionRecord> withCounts = new ArrayList<>();
    for (ConnectionRecord c : out) withCounts.add(c.closed() != null ? c : liveCount(c));
    withCounts.sort(Comparator.comparing(ConnectionRecord::id).reversed());
    return withCounts.subList(0, Math.min(limit, withCounts.size()));
  }

  private ConnectionRecord liveCount(ConnectionRecord c) {
    long n = frames.stream().filter(f -> f.connectionId() == c.id() && f.direction() == Direction.BOX).count();
    String device = frames.stream().filter(f -> f.connectionId() == c.id() && f.deviceId() != null)
        .map(CapturedFrame::deviceId).findFirst().orElse(null);
    return new ConnectionRecord(c.id(), c.remote(), device, c.opened(), null, n, null);
  }

  @Override
  public synchronized List<AnswerStat> answerMix(Instant since) {
    Map<String, Long> acc = new LinkedHashMap<>();
    for (CapturedFrame f : frames) {
      if (f.time().isBefore(since) || (f.direction() != Direction.CLOUD && f.direction() != Direction.LOCAL)) continue;
      acc.merge(f.kind() + '\t' + f.direction().wireName(), 1L, Long::sum);
    }
    List<AnswerStat> out = new ArrayList<>();
    acc.forEach((k, n) -> out.add(new AnswerStat(k.split("\t")[0], k.split("\t")[1], n)));
    out.sort(Comparator.comparing(AnswerStat::count).reversed());
    return out;
  }

  @Override
  public synchronized List<ModeTransition> modeTransitions(int limit) {
    List<ModeTransition> out = new ArrayList<>(transitions.reversed());
    return out.subList(0, Math.min(limit, out.size()));
  }

  @Override
  public synchronized List<CapturedFrame> frames(long connectionId, int limit) {
    List<CapturedFrame> out = new ArrayList<>();
    for (Iterator<CapturedFrame> it = frames.descendingIterator(); it.hasNext() && out.size() < limit; ) {
      CapturedFrame f = it.next();
      if (connectionId < 0 || f.connectionId() == connectionId) out.add(f);
    }
    return out;
  }

  @Override
  public synchronized long purge(Instant before) {
    long n = 0;
    while (!frames.isEmpty() && frames.peekFirst().time().isBefore(before)) {
      frames.removeFirst();
      n++;
    }
    connections.values().removeIf(c -> c.closed() != null && c.closed().isBefore(before));
    transitions.removeIf(t -> t.time().isBefore(before));
    return n;
  }

  @Override
  public void close() {}

}
