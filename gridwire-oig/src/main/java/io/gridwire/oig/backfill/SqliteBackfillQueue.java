package io.gridwire.oig.backfill;

import io.gridwire.oig.capture.OigDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link BackfillQueue} in the module's SQLite file: survives a gateway restart. Thread-safe
 * (one connection, serialised). The dropped count is per process run.
 */
public final class SqliteBackfillQueue implements BackfillQueue {
  private final Connection db;
  private final int bound;
  private long dropped;
  private long size;

  private SqliteBackfillQueue(Connection db, int bound) {
    this.db = db;
    this.bound = bound;
    this.size = count("SELECT count(*) FROM oig_backfill");
  }

  public static SqliteBackfillQueue open(Path dataDir, int bound) {
    return new SqliteBackfillQueue(OigDatabase.open(dataDir,
        "CREATE TABLE IF NOT EXISTS oig_backfill(id INTEGER PRIMARY KEY AUTOINCREMENT, device TEXT NOT NULL,"
            + " tbl TEXT, received INTEGER NOT NULL, raw BLOB NOT NULL)",
        "CREATE INDEX IF NOT EXISTS oig_backfill_device ON oig_backfill(device, id)"), bound);
  }

  @Override
  public synchronized void add(BackfillEntry e) {
    exec("INSERT INTO oig_backfill(device,tbl,received,raw) VALUES(?,?,?,?)", e.deviceId(), e.table(),
        e.receivedAt().toEpochMilli(), e.raw());
    size++;
    if (size > bound) {
      long n = exec("DELETE FROM oig_backfill WHERE id IN (SELECT id FROM oig_backfill ORDER BY id LIMIT ?)", size - bound);
      size -= n;
      dropped += n;
    }
  }

  @Override
  public synchronized Optional<BackfillEntry> peek(String deviceId) {
    String sql = "SELECT id, device, tbl, received, raw FROM oig_backfill WHERE device=? ORDER BY id LIMIT 1";
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      ps.setString(1, deviceId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        return Optional.of(new BackfillEntry(rs.getLong(1), rs.getString(2), rs.getString(3),
            Instant.ofEpochMilli(rs.getLong(4)), rs.getBytes(5)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("oig backfill peek failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void remove(long id) {
    size -= exec("DELETE FROM oig_backfill WHERE id=?", id);
  }

  @Override
  public synchronized long size(String deviceId) {
    try (PreparedStatement ps = db.prepareStatement("SELECT count(*) FROM oig_backfill WHERE device=?")) {
      ps.setString(1, deviceId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("oig backfill count failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized long size() {
    return size;
  }

  @Override
  public synchronized long dropped() {
    return dropped;
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException ignored) {
      // closing anyway
    }
  }

  private long count(String sql) {
    try (PreparedStatement ps = db.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (SQLException e) {
      throw new IllegalStateException("oig backfill count failed: " + e.getMessage(), e);
    }
  }

  private int exec(String sql, Object... args) {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("oig backfill write failed: " + e.getMessage(), e);
    }
  }
}
