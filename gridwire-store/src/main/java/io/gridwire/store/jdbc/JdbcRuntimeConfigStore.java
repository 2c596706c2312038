package io.gridwire.store.jdbc;

import io.gridwire.core.port.RuntimeConfigStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link RuntimeConfigStore} in the {@code runtime_devices} and {@code runtime_profiles} tables. Thread-safe; blocking. */
public final class JdbcRuntimeConfigStore implements RuntimeConfigStore {
  private static final String UPSERT_DEVICE = """
      INSERT INTO runtime_devices (id, connector, node, config, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET connector = excluded.connector, node = excluded.node, config = excluded.config,
        updated_at = excluded.updated_at, updated_by = excluded.updated_by""";
  private static final String UPSERT_PROFILE = """
      INSERT INTO runtime_profiles (name, body, created_at, created_by) VALUES (?, ?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET body = excluded.body, created_at = excluded.created_at,
        created_by = excluded.created_by""";

  private final Database db;

  public JdbcRuntimeConfigStore(Database db) {
    this.db = db;
  }

  @Override
  public void saveDevice(StoredDevice d) {
    db.write("save runtime device", c -> {
      try (PreparedStatement st = c.prepareStatement(UPSERT_DEVICE)) {
        st.setString(1, d.id());
        st.setString(2, d.connector());
        st.setString(3, d.node());
        st.setString(4, d.config());
        st.setLong(5, d.updatedAt().toEpochMilli());
        st.setString(6, d.updatedBy());
        st.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public boolean deleteDevice(String id) {
    return db.write("delete runtime device", c -> {
      try (PreparedStatement st = c.prepareStatement("DELETE FROM runtime_devices WHERE id = ?")) {
        st.setString(1, id);
        return st.executeUpdate() > 0;
      }
    });
  }

  @Override
  public List<StoredDevice> devices(String node) {
    return db.read("load runtime devices", c -> {
      List<StoredDevice> out = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement(
          "SELECT id, connector, node, config, updated_at, updated_by FROM runtime_devices WHERE node = ? ORDER BY id")) {
        st.setString(1, node);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.add(new StoredDevice(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6)));
          }
        }
      }
      return out;
    });
  }

  @Override
  public void saveProfile(StoredProfile p) {
    db.write("save runtime profile", c -> {
      try (PreparedStatement st = c.prepareStatement(UPSERT_PROFILE)) {
        st.setString(1, p.name());
        st.setString(2, p.text());
        st.setLong(3, p.createdAt().toEpochMilli());
        st.setString(4, p.createdBy());
        st.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public List<StoredProfile> profiles() {
    return db.read("load runtime profiles", c -> {
      List<StoredProfile> out = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement(
              "SELECT name, body, created_at, created_by FROM runtime_profiles ORDER BY name");
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(new StoredProfile(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4)));
        }
      }
      return out;
    });
  }
}
