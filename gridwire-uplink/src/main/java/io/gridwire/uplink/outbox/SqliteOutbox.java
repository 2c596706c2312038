package io.gridwire.uplink.outbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The durable {@link Outbox}: one SQLite file per link, WAL journal, one connection, each append
 * batch one transaction. With {@code fsync} a committed append survives power loss; without it,
 * it survives a process crash ({@code kill -9}) but the last commits may be lost on power loss.
 *
 * <p>Counts and bytes are kept in memory (read once at open), so bound checks cost no query.
 * Thread-safe: every method holds the instance lock.
 */
public final class SqliteOutbox implements Outbox {
  private static final String SCHEMA = """
      CREATE TABLE IF NOT EXISTS outbox_meta(k TEXT PRIMARY KEY, v TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS outbox(
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        k TEXT NOT NULL,
        created INTEGER NOT NULL,
        topic TEXT NOT NULL,
        body TEXT NOT NULL,
        size INTEGER NOT NULL)""";

  private final OutboxBounds bounds;
  private final Connection db;
  private final String instanceId;
  private final PreparedStatement insert;
  private long count;
  private long bytes;
  private long lastSeq;
  private long dropped;

  /**
   * Opens (creating if needed) the outbox file.
   *
   * @param file the SQLite file; parent directories are created
   * @param bounds count, byte and age bounds
   * @param fsync {@code synchronous=FULL} when true, {@code NORMAL} otherwise
   */
  public SqliteOutbox(Path file, OutboxBounds bounds, boolean fsync) {
    this.bounds = Objects.requireNonNull(bounds, "bounds");
    try {
      if (file.getParent() != null) Files.createDirectories(file.getParent());
      db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=" + (fsync ? "FULL" : "NORMAL"));
        s.execute("PRAGMA busy_timeout=5000");
        for (String ddl : SCHEMA.split(";")) s.execute(ddl);
      }
      instanceId = loadInstanceId();
      loadCounters();
      db.setAutoCommit(false);
      insert = db.prepareStatement("INSERT INTO outbox(k, created, topic, body, size) VALUES (?,?,?,?,?)");
    } catch (Exception e) {
      throw new OutboxException("cannot open outbox " + file + ": " + e.getMessage(), e);
    }
  }

  private String loadInstanceId() throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM outbox_meta WHERE k = 'instance'")) {
      if (rs.next()) return rs.getString(1);
    }
    String id = UUID.randomUUID().toString();
    try (PreparedStatement p = db.prepareStatement("INSERT INTO outbox_meta(k, v) VALUES ('instance', ?)")) {
      p.setString(1, id);
      p.executeUpdate();
    }
    return id;
  }

  private void loadCounters() throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM outbox")) {
      rs.next();
      count = rs.getLong(1);
      bytes = rs.getLong(2);
    }
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'")) {
      lastSeq = rs.next() ? rs.getLong(1) : 0;
    }
  }

  @Override
  public String instanceId() {
    return instanceId;
  }

  @Override
  public synchronized int append(List<OutboxEntry.Draft> drafts) {
    if (drafts.isEmpty()) return 0;
    try {
      long added = 0;
      for (OutboxEntry.Draft d : drafts) {
        insert.setString(1, d.key());
        insert.setLong(2, d.createdAt().toEpochMilli());
        insert.setString(3, d.topic());
        insert.setString(4, d.body());
        insert.setLong(5, d.size());
        insert.addBatch();
        added += d.size();
      }
      insert.executeBatch();
      Dropped d = dropOldestOverBound(count + drafts.size(), bytes + added);
      db.commit();
      count += drafts.size() - d.count();
      bytes += added - d.bytes();
      lastSeq += drafts.size();
      dropped += d.count();
      return d.count();
    } catch (SQLException e) {
      rollback();
      throw new OutboxException("outbox append failed: " + e.getMessage(), e);
    }
  }

  private record Dropped(int count, long bytes) {}

  /** Deletes the oldest rows until within bounds (inside the caller's transaction). */
  private Dropped dropOldestOverBound(long newCount, long newBytes) throws SQLException {
    if (newCount <= bounds.maxMessages() && newBytes <= bounds.maxBytes()) return new Dropped(0, 0);
    long c = newCount;
    long b = newBytes;
    long upTo = -1;
    int n = 0;
    try (PreparedStatement p = db.prepareStatement("SELECT seq, size FROM outbox ORDER BY seq")) {
      p.setFetchSize(1000);
      try (ResultSet rs = p.executeQuery()) {
        while ((c > bounds.maxMessages() || b > bounds.maxBytes()) && rs.next()) {
          upTo = rs.getLong(1);
          b -= rs.getLong(2);
          c--;
          n++;
        }
      }
    }
    try (PreparedStatement p = db.prepareStatement("DELETE FROM outbox WHERE seq <= ?")) {
      p.setLong(1, upTo);
      p.executeUpdate();
    }
    return new Dropped(n, newBytes - b);
  }

  @Override
  public synchronized List<OutboxEntry> read(long afterSeq, long upToSeq, int limit) {
    List<OutboxEntry> out = new ArrayList<>(Math.min(limit, 1024));
    if (upToSeq <= afterSeq || limit <= 0) return out;
    try (PreparedStatement p = db.prepareStatement(
        "SELECT seq, k, created, topic, body FROM outbox WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?")) {
      p.setLong(1, afterSeq);
      p.setLong(2, upToSeq);
      p.setInt(3, limit);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(new OutboxEntry(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
              rs.getString(4), rs.getString(5)));
        }
      }
      db.commit();
      return out;
    } catch (SQLException e) {
      rollback();
      throw new OutboxException("outbox read failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized int delete(Collection<Long> seqs) {
    if (seqs.isEmpty()) return 0;
    long[] sorted = seqs.stream().mapToLong(Long::longValue).sorted().toArray();
    try (PreparedStatement p = db.prepareStatement("DELETE FROM outbox WHERE seq BETWEEN ? AND ? RETURNING size")) {
      int n = 0;
      long freed = 0;
      int i = 0;
      while (i < sorted.length) {
        int j = i;
        while (j + 1 < sorted.length && sorted[j + 1] <= sorted[j] + 1) j++;
        p.setLong(1, sorted[i]);
        p.setLong(2, sorted[j]);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            freed += rs.getLong(1);
            n++;
          }
        }
        i = j + 1;
      }
      db.commit();
      count -= n;
      bytes -= freed;
      return n;
    } catch (SQLException e) {
      rollback();
      throw new OutboxException("outbox delete failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized int expire(Instant cutoff) {
    try (PreparedStatement p = db.prepareStatement(
        "DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox ORDER BY seq LIMIT 10000) AND created < ? RETURNING size")) {
      int total = 0;
      int n;
      do {
        n = 0;
        p.setLong(1, cutoff.toEpochMilli());
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            bytes -= rs.getLong(1);
            n++;
          }
        }
        total += n;
      } while (n == 10000);
      db.commit();
      count -= total;
      dropped += total;
      return total;
    } catch (SQLException e) {
      rollback();
      throw new OutboxException("outbox expiry failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized long lastSeq() {
    return lastSeq;
  }

  @Override
  public synchronized OutboxStats stats() {
    if (count == 0) return new OutboxStats(0, 0, null, dropped);
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT created FROM outbox ORDER BY seq LIMIT 1")) {
      Instant oldest = rs.next() ? Instant.ofEpochMilli(rs.getLong(1)) : null;
      db.commit();
      return new OutboxStats(count, bytes, oldest, dropped);
    } catch (SQLException e) {
      rollback();
      throw new OutboxException("outbox stats failed: " + e.getMessage(), e);
    }
  }

  private void rollback() {
    try {
      db.rollback();
    } catch (SQLException ignored) {
      // the original failure is what the caller needs to see
    }
  }

  @Override
  public synchronized void close() {
    try {
      insert.close();
      db.close();
    } catch (SQLException e) {
      throw new OutboxException("outbox close failed: " + e.getMessage(), e);
    }
  }
}
