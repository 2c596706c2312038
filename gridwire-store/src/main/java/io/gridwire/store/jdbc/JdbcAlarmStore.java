package io.gridwire.store.jdbc;

import io.gridwire.core.alarm.ActiveAlarm;
import io.gridwire.core.alarm.AlarmState;
import io.gridwire.core.alarm.Severity;
import io.gridwire.core.port.AlarmStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The active-alarm list in the {@code alarms} table; values as a JSON object. Thread-safe; blocking. */
public final class JdbcAlarmStore implements AlarmStore {
  private static final String UPSERT = """
      INSERT INTO alarms (device_id, alarm_id, name, severity, class, site, state, raised_at, vals, acked_by, acked_at, flaps)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (device_id, alarm_id) DO UPDATE SET name = excluded.name, severity = excluded.severity,
        class = excluded.class, site = excluded.site, state = excluded.state, raised_at = excluded.raised_at,
        vals = excluded.vals, acked_by = excluded.acked_by, acked_at = excluded.acked_at, flaps = excluded.flaps""";

  private final Database db;

  public JdbcAlarmStore(Database db) {
    this.db = db;
  }

  @Override
  public void upsert(ActiveAlarm a) {
    db.write("save alarm", c -> {
      try (PreparedStatement st = c.prepareStatement(UPSERT)) {
        st.setString(1, a.deviceId());
        st.setString(2, a.alarmId());
        st.setString(3, a.name());
        st.setString(4, a.severity().wireName());
        st.setString(5, a.alarmClass());
        st.setString(6, a.site());
        st.setString(7, a.state().wireName());
        st.setLong(8, a.raisedAt().toEpochMilli());
        st.setString(9, JsonColumns.writeValues(a.values()));
        st.setString(10, a.ackedBy());
        if (a.ackedAt() == null) st.setNull(11, Types.BIGINT);
        else st.setLong(11, a.ackedAt().toEpochMilli());
        st.setInt(12, a.flaps());
        st.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public void delete(String deviceId, String alarmId) {
    db.write("delete alarm", c -> {
      try (PreparedStatement st = c.prepareStatement("DELETE FROM alarms WHERE device_id = ? AND alarm_id = ?")) {
        st.setString(1, deviceId);
        st.setString(2, alarmId);
        st.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public List<ActiveAlarm> loadAll() {
    return db.read("load alarms", c -> {
      List<ActiveAlarm> out = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement("""
              SELECT device_id, alarm_id, name, severity, class, site, state, raised_at, vals, acked_by, acked_at, flaps
              FROM alarms ORDER BY raised_at, device_id, alarm_id""");
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) out.add(alarm(rs));
      }
      return out;
    });
  }

  private static ActiveAlarm alarm(ResultSet rs) throws SQLException {
    long acked = rs.getLong(11);
    Instant ackedAt = rs.wasNull() ? null : Instant.ofEpochMilli(acked);
    return new ActiveAlarm(rs.getString(1), rs.getString(2), rs.getString(3), Severity.fromWire(rs.getString(4)),
        rs.getString(5), rs.getString(6), AlarmState.fromWire(rs.getString(7)), Instant.ofEpochMilli(rs.getLong(8)),
        JsonColumns.readValues(rs.getString(9)), rs.getString(10), ackedAt, rs.getInt(12));
  }
}
