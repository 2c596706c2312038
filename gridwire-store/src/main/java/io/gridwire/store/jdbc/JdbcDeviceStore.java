package io.gridwire.store.jdbc;

import io.gridwire.core.device.Device;
import io.gridwire.core.device.Source;
import io.gridwire.core.port.DeviceStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Devices in the {@code devices} table; attributes as a JSON object. Thread-safe; blocking. */
public final class JdbcDeviceStore implements DeviceStore {
  private static final String UPSERT = """
      INSERT INTO devices (id, site, kind, source, model, serial_number, name, online, last_seen, error, attributes, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET site = excluded.site, kind = excluded.kind, source = excluded.source,
        model = excluded.model, serial_number = excluded.serial_number, name = excluded.name, online = excluded.online,
        last_seen = excluded.last_seen, error = excluded.error, attributes = excluded.attributes,
        updated_at = excluded.updated_at""";

  private final Database db;
  private final Clock clock;

  public JdbcDeviceStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public void upsert(List<Device> devices) {
    if (devices.isEmpty()) return;
    long now = clock.millis();
    db.write("upsert devices", c -> {
      try (PreparedStatement st = c.prepareStatement(UPSERT)) {
        for (Device d : devices) {
          st.setString(1, d.id());
          st.setString(2, d.site());
          st.setString(3, d.kind());
          st.setString(4, d.source().wireName());
          st.setString(5, d.model());
          st.setString(6, d.serialNumber());
          st.setString(7, d.name());
          st.setBoolean(8, d.online());
          if (d.lastSeen() == null) st.setNull(9, Types.BIGINT);
          else st.setLong(9, d.lastSeen().toEpochMilli());
          st.setString(10, d.error());
          st.setString(11, JsonColumns.write(d.attributes()));
          st.setLong(12, now);
          st.addBatch();
        }
        st.executeBatch();
      }
      return null;
    });
  }

  @Override
  public void delete(List<String> ids) {
    if (ids.isEmpty()) return;
    db.write("delete devices", c -> {
      try (PreparedStatement st = c.prepareStatement("DELETE FROM devices WHERE id = ?")) {
        for (String id : ids) {
          st.setString(1, id);
          st.addBatch();
        }
        st.executeBatch();
      }
      return null;
    });
  }

  @Override
  public List<Device> loadAll() {
    return db.read("load devices", c -> {
      List<Device> out = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement("""
              SELECT id, site, kind, source, model, serial_number, name, online, last_seen, error, attributes
              FROM devices ORDER BY site, id""");
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) out.add(device(rs));
      }
      return out;
    });
  }

  private static Device device(ResultSet rs) throws SQLException {
    long seen = rs.getLong(9);
    Instant lastSeen = rs.wasNull() ? null : Instant.ofEpochMilli(seen);
    return new Device(rs.getString(1), rs.getString(2), rs.getString(3), Source.fromWire(rs.getString(4)),
        rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8), lastSeen, rs.getString(10),
        JsonColumns.read(rs.getString(11)));
  }
}
