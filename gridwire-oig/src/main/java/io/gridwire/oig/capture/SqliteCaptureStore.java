package io.gridwire.oig.capture;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link CaptureStore} in the module's SQLite file. Thread-safe (one connection, serialised). */
public final class SqliteCaptureStore implements CaptureStore {
  private static final String[] DDL = {
    "CREATE TABLE IF NOT EXISTS oig_frame(id INTEGER PRIMARY KEY, conn_id INTEGER NOT NULL, direction TEXT NOT NULL,"
        + " t INTEGER NOT NULL, device TEXT, tbl TEXT, kind TEXT, mode TEXT, raw TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS oig_frame_t ON oig_frame(t)",
    "CREATE INDEX IF NOT EXISTS oig_frame_conn ON oig_frame(conn_id)",
    "CREATE TABLE IF NOT EXISTS oig_connection(id INTEGER PRIMARY KEY, remote TEXT, device TEXT, opened INTEGER NOT NULL,"
        + " closed INTEGER, frames INTEGER NOT NULL DEFAULT 0, reason TEXT)",
    "CREATE TABLE IF NOT EXISTS oig_mode(id INTEGER PRIMARY KEY, conn_id INTEGER, device TEXT, t INTEGER NOT NULL,"
        + " from_mode TEXT, to_mode TEXT, reason TEXT)"
  };
  private final Connection db;

  private SqliteCaptureStore(Connection db) {
    this.db = db;
  }

  public static SqliteCaptureStore open(Path dataDir) {
    return new SqliteCaptureStore(OigDatabase.open(dataDir, DDL));
  }

  @Override
  public synchronized void append(List<CapturedFrame> frames) {
    String sql = "INSERT INTO oig_frame(conn_id,direction,t,device,tbl,kind,mode,raw) VALUES(?,?,?,?,?,?,?,?)";
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      db.setAutoCommit(false);
      for (CapturedFrame f : frames) {
        ps.setLong(1, f.connectionId());
        ps.setString(2, f.direction().wireName());
        ps.setLong(3, f.time().toEpochMilli());
        ps.setString(4, f.deviceId());
        ps.setString(5, f.table());
        ps.setString(6, f.kind());
        ps.setString(7, f.mode());
        ps.setString(8, f.raw());
        ps.addBatch();
      }
      ps.executeBatch();
      db.commit();
    } catch (SQLException e) {
      rollback();
      throw fail("append", e);
    } finally {
      autoCommit();
    }
  }

  @Override
  public synchronized void connectionOpened(long id, String remote, Instant at) {
    update("INSERT OR REPLACE INTO oig_connection(id,remote,opened,frames) VALUES(?,?,?,0)", id, remote, at.toEpochMilli());
  }

  @Override
  public synchronized void connectionClosed(long id, String deviceId, long frames, Instant at, String reason) {
    update("UPDATE oig_connection SET device=?, frames=?, closed=?, reason=? WHERE id=?", deviceId, frames, at.toEpochMilli(), reason, id);
  }

  @Override
  public synchronized void modeChanged(ModeTransition t) {
    update("INSERT INTO oig_mode(conn_id,device,t,from_mode,to_mode,reason) VALUES(?,?,?,?,?,?)",
        t.connectionId(), t.deviceId(), t.time().toEpochMilli(), t.from(), t.to(), t.reason());
  }

  @Override
  public synchronized long maxConnectionId() {
    try (PreparedStatement ps = db.prepareStatement("SELECT coalesce(max(id),0) FROM oig_connection");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (SQLException e) {
      throw fail("maxConnectionId", e);
    }
  }

  @Override
  public synchronized List<TableStat> tableStats(Instant since) {
    String sql = "SELECT tbl, count(*), min(t), max(t) FROM oig_frame WHERE direction='box' AND t>=? AND tbl IS NOT NULL"
        + " GROUP BY tbl ORDER BY 2 DESC";
    List<TableStat> out = new ArrayList<>();
    query(sql, rs -> {
      long n = rs.getLong(2);
      out.add(new TableStat(rs.getString(1), n, n < 2 ? null : (rs.getLong(4) - rs.getLong(3)) / 1000.0 / (n - 1)));
    }, since.toEpochMilli());
    return out;
  }

  @Override
  public synchronized List<ConnectionRecord> connections(int limit) {
    String sql = "SELECT c.id, c.remote, coalesce(c.device,(SELECT f.device FROM oig_frame f WHERE f.conn_id=c.id AND"
        + " f.device IS NOT NULL LIMIT 1)), c.opened, c.closed, CASE WHEN c.closed IS NULL THEN (SELECT count(*) FROM"
        + " oig_frame f WHERE f.conn_id=c.id AND f.direction='box') ELSE c.frames END, c.reason"
        + " FROM oig_connection c ORDER BY c.id DESC LIMIT ?";
    List<ConnectionRecord> out = new ArrayList<>();
    query(sql, rs -> {
      long closed = rs.getLong(5);
      out.add(new ConnectionRecord(rs.getLong(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)),
          rs.wasNull() ? null : Instant.ofEpochMilli(closed), rs.getLong(6), rs.getString(7)));
    }, limit);
    return out;
  }

  @Override
  public synchronized List<AnswerStat> answerMix(Instant since) {
    String sql = "SELECT kind, direction, count(*) FROM oig_frame WHERE direction IN ('cloud','local') AND t>=?"
        + " GROUP BY kind, direction ORDER BY 3 DESC";
    List<AnswerStat> out = new ArrayList<>();
    query(sql, rs -> out.add(new AnswerStat(rs.getString(1), rs.getString(2), rs.getLong(3))), since.toEpochMilli());
    return out;
  }

  @Override
  public synchronized List<ModeTransition> modeTransitions(int limit) {
    List<ModeTransition> out = new ArrayList<>();
    query("SELECT conn_id, device, t, from_mode, to_mode, reason FROM oig_mode ORDER BY id DESC LIMIT ?",
        rs -> out.add(new ModeTransition(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
            rs.getString(4), rs.getString(5), rs.getString(6))), limit);
    return out;
  }

  @Override
  public synchronized List<CapturedFrame> frames(long connectionId, int limit) {
    String sql = "SELECT conn_id, direction, t, device, tbl, kind, mode, raw FROM oig_frame"
        + (connectionId < 0 ? " WHERE ?<0" : " WHERE conn_id=?") + " ORDER BY id DESC LIMIT ?";
    List<CapturedFrame> out = new ArrayList<>();
    query(sql, rs -> out.add(new CapturedFrame(rs.getLong(1), Direction.valueOf(rs.getString(2).toUpperCase(java.util.Locale.ROOT)),
        Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
        rs.getString(8))), connectionId, limit);
    return out;
  }

  @Override
  public synchronized long purge(Instant before) {
    long t = before.toEpochMilli();
    update("DELETE FROM oig_connection WHERE closed IS NOT NULL AND closed<?", t);
    update("DELETE FROM oig_mode WHERE t<?", t);
    return update("DELETE FROM oig_frame WHERE t<?", t);
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException ignored) {
      // closing anyway
    }
  }

  private interface Row {
    void accept(ResultSet rs) throws SQLException;
  }

  private void query(String sql, Row row, Object... args) {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) row.accept(rs);
      }
    } catch (SQLException e) {
      throw fail("query", e);
    }
  }

  private int update(String sql, Object... args) {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw fail("update", e);
    }
  }

  private void rollback() {
    try {
      db.rollback();
    } catch (SQLException ignored) {
      // the original error is reported
    }
  }

  private void autoCommit() {
    try {
      db.setAutoCommit(true);
    } catch (SQLException ignored) {
      // next call reports
    }
  }

  private static IllegalStateException fail(String what, SQLException e) {
    return new IllegalStateException("oig capture " + what + " failed: " + e.getMessage(), e);
  }
}
