package io.gridwire.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwire.core.admission.PendingDevice;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.Source;
import io.gridwire.core.port.AdmissionStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Pending and rejected device ids in the {@code device_admission} table; what the device reported
 * (kind, site, model, name, serial, attributes) as a JSON object. Thread-safe; blocking.
 */
public final class JdbcAdmissionStore implements AdmissionStore {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String UPSERT = """
      INSERT INTO device_admission (id, source, state, device, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET source = excluded.source, state = excluded.state, device = excluded.device,
        first_seen = excluded.first_seen, last_seen = excluded.last_seen""";

  private final Database db;

  public JdbcAdmissionStore(Database db) {
    this.db = db;
  }

  @Override
  public void save(PendingDevice p) {
    db.write("save device admission", c -> {
      try (PreparedStatement st = c.prepareStatement(UPSERT)) {
        st.setString(1, p.id());
        st.setString(2, p.device().source().wireName());
        st.setString(3, p.state().wireName());
        st.setString(4, json(p.device()));
        st.setLong(5, p.firstSeen().toEpochMilli());
        st.setLong(6, p.lastSeen().toEpochMilli());
        st.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public void delete(String id) {
    db.write("delete device admission", c -> {
      try (PreparedStatement st = c.prepareStatement("DELETE FROM device_admission WHERE id = ?")) {
        st.setString(1, id);
        st.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public List<PendingDevice> loadAll() {
    return db.read("load device admission", c -> {
      List<PendingDevice> out = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement(
              "SELECT id, source, state, device, first_seen, last_seen FROM device_admission ORDER BY first_seen, id");
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          Device d = device(rs.getString(1), Source.fromWire(rs.getString(2)), rs.getString(4));
          out.add(new PendingDevice(d, PendingDevice.State.fromWire(rs.getString(3)),
              Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6))));
        }
      }
      return out;
    });
  }

  private static String json(Device d) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("site", d.site()).put("kind", d.kind()).put("model", d.model()).put("serial_number", d.serialNumber())
        .put("name", d.name());
    o.set("attributes", MAPPER.valueToTree(d.attributes()));
    return o.toString();
  }

  private static Device device(String id, Source source, String json) {
    try {
      JsonNode o = MAPPER.readTree(json);
      return new Device(id, text(o, "site"), text(o, "kind"), source, text(o, "model"), text(o, "serial_number"),
          text(o, "name"), false, null, null, JsonColumns.read(o.path("attributes").toString()));
    } catch (JsonProcessingException e) {
      throw new StoreException("device_admission row '" + id + "' holds bad JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
