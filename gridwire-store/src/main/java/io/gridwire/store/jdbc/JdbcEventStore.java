package io.gridwire.store.jdbc;

import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.core.port.EventQuery;
import io.gridwire.core.port.EventStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Events in the {@code events} table; data as a JSON object. Thread-safe; blocking. */
public final class JdbcEventStore implements EventStore {
  private final Database db;

  public JdbcEventStore(Database db) {
    this.db = db;
  }

  @Override
  public void append(List<Event> events) {
    if (events.isEmpty()) return;
    db.write("append events", c -> {
      try (PreparedStatement st = c.prepareStatement(
          "INSERT INTO events (ts, device_id, type, message, data) VALUES (?, ?, ?, ?, ?)")) {
        for (Event e : events) {
          st.setLong(1, e.time().toEpochMilli());
          st.setString(2, e.deviceId());
          st.setString(3, e.type().wireName());
          st.setString(4, e.message());
          st.setString(5, JsonColumns.write(e.data()));
          st.addBatch();
        }
        st.executeBatch();
      }
      return null;
    });
  }

  @Override
  public List<Event> query(EventQuery q) {
    StringBuilder sql = new StringBuilder("SELECT ts, device_id, type, message, data FROM events WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (q.deviceId() != null) {
      sql.append(" AND device_id = ?");
      args.add(q.deviceId());
    }
    if (!q.types().isEmpty()) {
      sql.append(" AND type IN (").append(String.join(", ", java.util.Collections.nCopies(q.types().size(), "?"))).append(')');
      q.types().stream().map(EventType::wireName).sorted().forEach(args::add);
    }
    if (q.from() != null) {
      sql.append(" AND ts >= ?");
      args.add(q.from().toEpochMilli());
    }
    if (q.to() != null) {
      sql.append(" AND ts < ?");
      args.add(q.to().toEpochMilli());
    }
    sql.append(" ORDER BY ts DESC, id DESC LIMIT ?");
    args.add(q.limit());
    return db.read("query events", c -> {
      List<Event> out = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < args.size(); i++) st.setObject(i + 1, args.get(i));
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.add(new Event(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), EventType.fromWire(rs.getString(3)),
                rs.getString(4), JsonColumns.read(rs.getString(5))));
          }
        }
      }
      return out;
    });
  }

  /** Deletes events older than {@code before}. @return rows deleted */
  public long purge(Instant before) {
    return db.write("purge events", c -> {
      try (PreparedStatement st = c.prepareStatement("DELETE FROM events WHERE ts < ?")) {
        st.setLong(1, before.toEpochMilli());
        return (long) st.executeUpdate();
      }
    });
  }
}
