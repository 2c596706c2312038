package io.gridwire.store.queue;

import io.gridwire.core.log.QueueDropLog;
import io.gridwire.core.port.DurableQueue;
import io.gridwire.core.port.QueueBounds;
import io.gridwire.core.port.QueueEntry;
import io.gridwire.core.port.QueueStats;
import io.gridwire.store.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@link DurableQueue} in SQLite: two tables ({@code <table>}, {@code <table>_meta}) of a file
 * opened through {@link SqliteDatabase} with the migrations of {@code db/migration/queue}, each
 * append one transaction. With {@code fsync} a committed append survives power loss; without it, a
 * process crash ({@code kill -9}).
 *
 * <p>Count, bytes and the last sequence number are kept in memory (read once at open), so bound
 * checks cost no query. Thread-safe: every method holds the instance lock.
 */
public final class SqliteQueue implements DurableQueue {
  private static final String MIGRATIONS = "classpath:db/migration/queue";
  private static final int EXPIRE_CHUNK = 10_000;

  private final SqliteDatabase db;
  private final String table;
  private final QueueBounds bounds;
  private final QueueDropLog drops;
  private final String instanceId;
  private long count;
  private long bytes;
  private long lastSeq;
  private long dropped;

  private SqliteQueue(SqliteDatabase db, String table, QueueBounds bounds) {
    this.db = db;
    this.table = table;
    this.bounds = bounds;
    this.drops = new QueueDropLog(db.file().getFileName() + "/" + table, bounds, Clock.systemUTC());
    this.instanceId = db.write("queue " + table + " open", this::instanceId);
    db.read("queue " + table + " open", c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM " + table);
          ResultSet rs = p.executeQuery()) {
        rs.next();
        count = rs.getLong(1);
        bytes = rs.getLong(2);
      }
      try (PreparedStatement p = c.prepareStatement("SELECT seq FROM sqlite_sequence WHERE name = ?")) {
        p.setString(1, table);
        try (ResultSet rs = p.executeQuery()) {
          lastSeq = rs.next() ? rs.getLong(1) : 0;
        }
      }
      return null;
    });
  }

  /**
   * Opens (creating if needed) the queue held in {@code table} of {@code file}; other tables of
   * the file are left alone. Blocking.
   *
   * @param table lowercase letters and underscores
   * @param fsync {@code synchronous=FULL} when true, {@code NORMAL} otherwise
   * @param migrations further migration locations for this queue (numbered after {@code V1})
   */
  public static SqliteQueue open(Path file, String table, QueueBounds bounds, boolean fsync, String... migrations) {
    if (!table.matches("[a-z_]+")) throw new IllegalArgumentException("queue table name: " + table);
    String[] locations = new String[migrations.length + 1];
    locations[0] = MIGRATIONS;
    System.arraycopy(migrations, 0, locations, 1, migrations.length);
    SqliteDatabase db = SqliteDatabase.open(file, new SqliteDatabase.Schema(table + "_schema_history",
        Map.of("queue", table), locations), fsync);
    try {
      return new SqliteQueue(db, table, bounds);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** A link's outbox: table {@code outbox} of its own file ({@code <data dir>/outbox-<link>.db}). */
  public static SqliteQueue outbox(Path file, QueueBounds bounds, boolean fsync) {
    return open(file, "outbox", bounds, fsync);
  }

  /**
   * The OIG backfill: table {@code backfill} of {@code oig.db} (beside the capture tables), indexed
   * by box; frames left in the table {@code oig_backfill} by earlier versions move into it once.
   */
  public static SqliteQueue oigBackfill(Path oigDb, QueueBounds bounds) {
    return open(oigDb, "backfill", bounds, false, "classpath:db/migration/queue-oig-backfill");
  }

  private String instanceId(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT v FROM " + table + "_meta WHERE k = 'instance'");
        ResultSet rs = p.executeQuery()) {
      if (rs.next()) return rs.getString(1);
    }
    String id = UUID.randomUUID().toString();
    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + "_meta(k, v) VALUES ('instance', ?)")) {
      p.setString(1, id);
      p.executeUpdate();
    }
    return id;
  }

  @Override
  public String instanceId() {
    return instanceId;
  }

  @Override
  public synchronized int append(List<QueueEntry.Draft> drafts) {
    if (drafts.isEmpty()) return 0;
    long added = 0;
    for (QueueEntry.Draft d : drafts) added += d.size();
    long newCount = count + drafts.size();
    long newBytes = bytes + added;
    Dropped d = db.write("queue " + table + " append", c -> {
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO " + table + "(k, created, topic, body, size) VALUES (?,?,?,?,?)")) {
        for (QueueEntry.Draft e : drafts) {
          p.setString(1, e.key());
          p.setLong(2, e.createdAt().toEpochMilli());
          p.setString(3, e.topic());
          p.setBytes(4, e.payload());
          p.setLong(5, e.size());
          p.addBatch();
        }
        p.executeBatch();
      }
      return dropOldestOverBound(c, newCount, newBytes);
    });
    count = newCount - d.count();
    bytes = newBytes - d.bytes();
    lastSeq += drafts.size();
    dropped += d.count();
    drops.full(d.count());
    return d.count();
  }

  private record Dropped(int count, long bytes) {}

  /** Deletes the oldest rows until within bounds (inside the caller's transaction). */
  private Dropped dropOldestOverBound(Connection c, long newCount, long newBytes) throws SQLException {
    if (bounds.fits(newCount, newBytes)) return new Dropped(0, 0);
    long n = newCount;
    long b = newBytes;
    long upTo = -1;
    int gone = 0;
    try (PreparedStatement p = c.prepareStatement("SELECT seq, size FROM " + table + " ORDER BY seq")) {
      p.setFetchSize(1000);
      try (ResultSet rs = p.executeQuery()) {
        while (!bounds.fits(n, b) && rs.next()) {
          upTo = rs.getLong(1);
          b -= rs.getLong(2);
          n--;
          gone++;
        }
      }
    }
    try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE seq <= ?")) {
      p.setLong(1, upTo);
      p.executeUpdate();
    }
    return new Dropped(gone, newBytes - b);
  }

  @Override
  public synchronized List<QueueEntry> read(long afterSeq, long upToSeq, int limit) {
    if (upToSeq <= afterSeq || limit <= 0 || count == 0) return new ArrayList<>();
    return db.read("queue " + table + " read", c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT seq, k, created, topic, body FROM " + table
          + " WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?")) {
        p.setLong(1, afterSeq);
        p.setLong(2, upToSeq);
        p.setInt(3, limit);
        return entries(p, Math.min(limit, 1024));
      }
    });
  }

  @Override
  public synchronized Optional<QueueEntry> oldest(String key) {
    if (count == 0) return Optional.empty();
    return db.read("queue " + table + " peek", c -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT seq, k, created, topic, body FROM " + table + " WHERE k = ? ORDER BY seq LIMIT 1")) {
        p.setString(1, key);
        return entries(p, 1).stream().findFirst();
      }
    });
  }

  private static List<QueueEntry> entries(PreparedStatement p, int capacity) throws SQLException {
    List<QueueEntry> out = new ArrayList<>(capacity);
    try (ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        out.add(new QueueEntry(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4),
            rs.getBytes(5)));
      }
    }
    return out;
  }

  @Override
  public synchronized long count(String key) {
    if (count == 0) return 0;
    return db.read("queue " + table + " count", c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE k = ?")) {
        p.setString(1, key);
        try (ResultSet rs = p.executeQuery()) {
          return rs.next() ? rs.getLong(1) : 0L;
        }
      }
    });
  }

  @Override
  public synchronized int remove(Collection<Long> seqs) {
    if (seqs.isEmpty()) return 0;
    long[] sorted = seqs.stream().mapToLong(Long::longValue).sorted().toArray();
    Dropped gone = db.write("queue " + table + " remove", c -> {
      try (PreparedStatement p = c.prepareStatement(
          "DELETE FROM " + table + " WHERE seq BETWEEN ? AND ? RETURNING size")) {
        int n = 0;
        long freed = 0;
        int i = 0;
        while (i < sorted.length) { // one statement per run of consecutive seqs
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
        return new Dropped(n, freed);
      }
    });
    count -= gone.count();
    bytes -= gone.bytes();
    return gone.count();
  }

  @Override
  public synchronized int acknowledge(long upToSeq) {
    if (count == 0) return 0;
    Dropped gone = db.write("queue " + table + " acknowledge", c -> deleteReturning(c,
        "DELETE FROM " + table + " WHERE seq <= ? RETURNING size", upToSeq));
    count -= gone.count();
    bytes -= gone.bytes();
    return gone.count();
  }

  @Override
  public synchronized int expire(Instant cutoff) {
    if (count == 0) return 0;
    Dropped gone = db.write("queue " + table + " expiry", c -> {
      int n = 0;
      long freed = 0;
      Dropped chunk;
      do { // oldest first, in chunks, so the scan stops at the first young entry
        chunk = deleteReturning(c, "DELETE FROM " + table + " WHERE seq IN (SELECT seq FROM " + table
            + " ORDER BY seq LIMIT " + EXPIRE_CHUNK + ") AND created < ? RETURNING size", cutoff.toEpochMilli());
        n += chunk.count();
        freed += chunk.bytes();
      } while (chunk.count() == EXPIRE_CHUNK);
      return new Dropped(n, freed);
    });
    count -= gone.count();
    bytes -= gone.bytes();
    dropped += gone.count();
    drops.expired(gone.count());
    return gone.count();
  }

  private static Dropped deleteReturning(Connection c, String sql, long arg) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setLong(1, arg);
      int n = 0;
      long freed = 0;
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          freed += rs.getLong(1);
          n++;
        }
      }
      return new Dropped(n, freed);
    }
  }

  @Override
  public synchronized long lastSeq() {
    return lastSeq;
  }

  @Override
  public synchronized QueueStats stats() {
    if (count == 0) return new QueueStats(0, 0, null, dropped);
    Instant oldest = db.read("queue " + table + " stats", c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT created FROM " + table + " ORDER BY seq LIMIT 1");
          ResultSet rs = p.executeQuery()) {
        return rs.next() ? Instant.ofEpochMilli(rs.getLong(1)) : null;
      }
    });
    return new QueueStats(count, bytes, oldest, dropped);
  }

  @Override
  public synchronized void close() {
    db.close();
  }
}
