package io.gridwire.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.gridwire.core.command.Command;
import io.gridwire.core.command.CommandQuery;
import io.gridwire.core.command.CommandState;
import io.gridwire.core.command.CommandStep;
import io.gridwire.core.port.CommandStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command ledger in the {@code commands} table; the steps as a JSON array
 * {@code [{"state","at","evidence"}]}. Thread-safe; blocking.
 */
public final class JdbcCommandStore implements CommandStore {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String COLUMNS =
      "id, device_id, kind, target, value, forced, requested_by, created_at, expires_at, state, attempts, detail, steps";
  private static final String INSERT = "INSERT INTO commands (device_id, kind, target, value, forced, requested_by,"
      + " created_at, expires_at, state, attempts, detail, steps) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";

  private final Database db;

  public JdbcCommandStore(Database db) {
    this.db = db;
  }

  @Override
  public Command insert(Command c) {
    long id = db.write("insert command", conn -> {
      try (PreparedStatement st = conn.prepareStatement(INSERT)) {
        st.setString(1, c.deviceId());
        st.setString(2, c.kind());
        st.setString(3, c.target());
        st.setString(4, c.value());
        st.setInt(5, c.force() ? 1 : 0);
        st.setString(6, c.requestedBy());
        st.setLong(7, c.createdAt().toEpochMilli());
        st.setLong(8, c.expiresAt().toEpochMilli());
        st.setString(9, c.state().wireName());
        st.setInt(10, c.attempts());
        st.setString(11, c.detail());
        st.setString(12, steps(c.steps()));
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
    return c.withId(id);
  }

  @Override
  public void update(Command c) {
    int n = db.write("update command", conn -> {
      try (PreparedStatement st = conn.prepareStatement(
          "UPDATE commands SET state = ?, attempts = ?, detail = ?, steps = ? WHERE id = ?")) {
        st.setString(1, c.state().wireName());
        st.setInt(2, c.attempts());
        st.setString(3, c.detail());
        st.setString(4, steps(c.steps()));
        st.setLong(5, c.id());
        return st.executeUpdate();
      }
    });
    if (n != 1) throw new StoreException("update command " + c.id() + ": no such row", null);
  }

  @Override
  public Optional<Command> find(long id) {
    return db.read("find command", conn -> {
      List<Command> found = select(conn, "SELECT " + COLUMNS + " FROM commands WHERE id = ?", List.of(id));
      return found.stream().findFirst();
    });
  }

  @Override
  public List<Command> list(CommandQuery q) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM commands WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (q.deviceId() != null) {
      sql.append(" AND device_id = ?");
      args.add(q.deviceId());
    }
    if (q.state() != null) {
      sql.append(" AND state = ?");
      args.add(q.state().wireName());
    }
    sql.append(" ORDER BY id DESC LIMIT ").append(q.limit());
    return db.read("list commands", conn -> select(conn, sql.toString(), args));
  }

  @Override
  public List<Command> open() {
    return db.read("load open commands", conn -> select(conn,
        "SELECT " + COLUMNS + " FROM commands WHERE state IN ('queued', 'sent', 'acknowledged') ORDER BY id", List.of()));
  }

  private static List<Command> select(Connection conn, String sql, List<Object> args) throws SQLException {
    try (PreparedStatement st = conn.prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) st.setObject(i + 1, args.get(i));
      List<Command> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) out.add(row(rs));
      }
      return out;
    }
  }

  private static Command row(ResultSet rs) throws SQLException {
    long id = rs.getLong(1);
    return new Command(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6) != 0,
        rs.getString(7), Instant.ofEpochMilli(rs.getLong(8)), Instant.ofEpochMilli(rs.getLong(9)),
        CommandState.fromWire(rs.getString(10)), rs.getInt(11), rs.getString(12), steps(id, rs.getString(13)));
  }

  private static String steps(List<CommandStep> steps) {
    ArrayNode a = MAPPER.createArrayNode();
    for (CommandStep s : steps) {
      a.addObject().put("state", s.state().wireName()).put("at", s.at().toEpochMilli()).put("evidence", s.evidence());
    }
    return a.toString();
  }

  private static List<CommandStep> steps(long id, String json) {
    try {
      List<CommandStep> out = new ArrayList<>();
      for (JsonNode n : MAPPER.readTree(json)) {
        out.add(new CommandStep(CommandState.fromWire(n.path("state").asText()), Instant.ofEpochMilli(n.path("at").asLong()),
            n.path("evidence").asText("")));
      }
      return out;
    } catch (JsonProcessingException e) {
      throw new StoreException("commands row " + id + " holds bad steps JSON: " + e.getOriginalMessage(), e);
    }
  }
}
