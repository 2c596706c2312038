package io.gridwire.store.capture;

import io.gridwire.core.port.capture.CaptureStore;
import io.gridwire.core.port.capture.CapturedFrame;
import io.gridwire.core.port.capture.ConnectionRecord;
import io.gridwire.core.port.capture.Direction;
import io.gridwire.core.port.capture.ModeTransition;
import io.gridwire.store.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link CaptureStore} in the tables {@code oig_frame}, {@code oig_connection} and {@code oig_mode}
 * of the OIG proxy's file ({@code oig.db}, beside the backfill queue), opened through
 * {@link SqliteDatabase} with the migrations of {@code db/migration/capture} and their own history
 * table. Each write is one transaction; reads run on the reader pool. Thread-safe.
 */
public final class SqliteCaptureStore implements CaptureStore {
  private static final SqliteDatabase.Schema SCHEMA =
      new SqliteDatabase.Schema("capture_schema_history", Map.of(), "classpath:db/migration/capture");
  private final SqliteDatabase db;

  private SqliteCaptureStore(SqliteDatabase db) {
    this.db = db;
  }

  /** Opens (creating if needed) the capture tables of {@code file}; other tables are left alone. Blocking. */
  public static SqliteCaptureStore open(Path file) {
    return new SqliteCaptureStore(SqliteDatabase.open(file, SCHEMA, false));
  }

  @Override
  public void append(List<CapturedFrame> frames) {
    String sql = "INSERT INTO oig_frame(conn_id,direction,t,device,tbl,kind,mode,raw) VALUES(?,?,?,?,?,?,?,?)";
    db.write("oig capture append", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
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
      }
      return null;
    });
  }

  @Override
  public void connectionOpened(long id, String remote, Instant at) {
    update("INSERT OR REPLACE INTO oig_connection(id,remote,opened,frames) VALUES(?,?,?,0)", id, remote, at.toEpochMilli());
  }

  @Override
  public void connectionClosed(long id, String deviceId, long frames, Instant at, String reason) {
    update("UPDATE oig_connection SET device=?, frames=?, closed=?, reason=? WHERE id=?", deviceId, frames, at.toEpochMilli(), reason, id);
  }

  @Override
  public void modeChanged(ModeTransition t) {
    update("INSERT INTO oig_mode(conn_id,device,t,from_mode,to_mode,reason) VALUES(?,?,?,?,?,?)",
        t.connectionId(), t.deviceId(), t.time().toEpochMilli(), t.from(), t.to(), t.reason());
  }

  @Override
  public long maxConnectionId() {
    long[] max = {0};
    query("SELECT coalesce(max(id),0) FROM oig_connection", rs -> max[0] = rs.getLong(1));
    return max[0];
  }

  @Override
  public List<TableStat> tableStats(Instant since) {
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
  public List<ConnectionRecord> connections(int limit) {
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
  public List<AnswerStat> answerMix(Instant since) {
    String sql = "SELECT kind, direction, count(*) FROM oig_frame WHERE direction IN ('cloud','local') AND t>=?"
        + " GROUP BY kind, direction ORDER BY 3 DESC";
    List<AnswerStat> out = new ArrayList<>();
    query(sql, rs -> out.add(new AnswerStat(rs.getString(1), rs.getString(2), rs.getLong(3))), since.toEpochMilli());
    return out;
  }

  @Override
  public List<ModeTransition> modeTransitions(int limit) {
    List<ModeTransition> out = new ArrayList<>();
    query("SELECT conn_id, device, t, from_mode, to_mode, reason FROM oig_mode ORDER BY id DESC LIMIT ?",
        rs -> out.add(new ModeTransition(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
            rs.getString(4), rs.getString(5), rs.getString(6))), limit);
    return out;
  }

  @Override
  public List<CapturedFrame> frames(long connectionId, int limit) {
    String sql = "SELECT conn_id, direction, t, device, tbl, kind, mode, raw FROM oig_frame"
        + (connectionId < 0 ? " WHERE ?<0" : " WHERE conn_id=?") + " ORDER BY id DESC LIMIT ?";
    List<CapturedFrame> out = new ArrayList<>();
    query(sql, rs -> out.add(new CapturedFrame(rs.getLong(1), Direction.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
        Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
        rs.getString(8))), connectionId, limit);
    return out;
  }

  @Override
  public long purge(Instant before) {
    long t = before.toEpochMilli();
    return db.write("oig capture purge", c -> {
      update(c, "DELETE FROM oig_connection WHERE closed IS NOT NULL AND closed<?", t);
      update(c, "DELETE FROM oig_mode WHERE t<?", t);
      return (long) update(c, "DELETE FROM oig_frame WHERE t<?", t);
    });
  }

  @Override
  public void close() {
    db.close();
  }

  private interface Row {
    void accept(ResultSet rs) throws SQLException;
  }

  private void query(String sql, Row row, Object... args) {
    db.read("oig capture query", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) row.accept(rs);
        }
      }
      return null;
    });
  }

  private void update(String sql, Object... args) {
    db.write("oig capture update", c -> update(c, sql, args));
  }

  private static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
      return ps.executeUpdate();
    }
  }
}
