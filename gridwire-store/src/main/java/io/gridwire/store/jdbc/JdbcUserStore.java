package io.gridwire.store.jdbc;

import io.gridwire.core.user.Role;
import io.gridwire.core.user.Token;
import io.gridwire.core.user.User;
import io.gridwire.core.user.UserStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Users and bearer tokens (stored by hash only). Thread-safe; blocking. */
public final class JdbcUserStore implements UserStore {
  private static final String USER_COLUMNS = "SELECT id, email, password_hash, role, created_at FROM users";
  private final Database db;
  private final Clock clock;

  /** @param clock stamps users created without a creation time */
  public JdbcUserStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public User create(User user) {
    Instant created = user.createdAt() == null ? clock.instant() : user.createdAt();
    long id;
    try {
      id = db.write("create user", c -> {
        try (PreparedStatement st = c.prepareStatement(
            "INSERT INTO users (email, password_hash, role, created_at) VALUES (?, ?, ?, ?) RETURNING id")) {
          st.setString(1, user.email());
          st.setString(2, user.passwordHash());
          st.setString(3, user.role().wireName());
          st.setLong(4, created.toEpochMilli());
          try (ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        }
      });
    } catch (StoreException e) {
      if (uniqueViolation(e.getCause())) throw new IllegalStateException("email already taken: " + user.email(), e);
      throw e;
    }
    return new User(id, user.email(), user.passwordHash(), user.role(), created);
  }

  private static boolean uniqueViolation(Throwable t) {
    // PostgreSQL reports SQLSTATE 23505; SQLite reports SQLITE_CONSTRAINT_UNIQUE in the message
    return t instanceof SQLException e
        && ("23505".equals(e.getSQLState()) || String.valueOf(e.getMessage()).contains("UNIQUE constraint failed"));
  }

  @Override
  public Optional<User> findByEmail(String email) {
    return one(USER_COLUMNS + " WHERE email = ?", email.trim().toLowerCase(java.util.Locale.ROOT));
  }

  @Override
  public Optional<User> findById(long id) {
    return one(USER_COLUMNS + " WHERE id = ?", id);
  }

  @Override
  public List<User> list() {
    return db.read("list users", c -> {
      List<User> out = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement(USER_COLUMNS + " ORDER BY id");
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) out.add(user(rs));
      }
      return out;
    });
  }

  @Override
  public boolean updatePassword(long userId, String passwordHash) {
    return db.write("update password", c -> {
      try (PreparedStatement st = c.prepareStatement("UPDATE users SET password_hash = ? WHERE id = ?")) {
        st.setString(1, passwordHash);
        st.setLong(2, userId);
        return st.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean updateRole(long userId, Role role) {
    return db.write("update role", c -> {
      try (PreparedStatement st = c.prepareStatement("UPDATE users SET role = ? WHERE id = ?")) {
        st.setString(1, role.wireName());
        st.setLong(2, userId);
        return st.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean delete(long userId) {
    return db.write("delete user", c -> {
      // Tokens first: the schema cascades, but not every SQLite connection enforces foreign keys.
      try (PreparedStatement t = c.prepareStatement("DELETE FROM tokens WHERE user_id = ?");
          PreparedStatement u = c.prepareStatement("DELETE FROM users WHERE id = ?")) {
        t.setLong(1, userId);
        t.executeUpdate();
        u.setLong(1, userId);
        return u.executeUpdate() == 1;
      }
    });
  }

  @Override
  public int deleteTokens(long userId, String kind, String keepHash) {
    return db.write("delete tokens", c -> {
      try (PreparedStatement st = c.prepareStatement(
          "DELETE FROM tokens WHERE user_id = ? AND kind = ? AND hash <> ?")) {
        st.setLong(1, userId);
        st.setString(2, kind);
        st.setString(3, keepHash == null ? "" : keepHash);
        return st.executeUpdate();
      }
    });
  }

  @Override
  public void saveToken(Token t) {
    db.write("save token", c -> {
      try (PreparedStatement st = c.prepareStatement(
          "INSERT INTO tokens (hash, user_id, kind, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
        st.setString(1, t.hash());
        st.setLong(2, t.userId());
        st.setString(3, t.kind());
        st.setString(4, t.label());
        st.setLong(5, t.createdAt().toEpochMilli());
        if (t.expiresAt() == null) st.setNull(6, Types.BIGINT);
        else st.setLong(6, t.expiresAt().toEpochMilli());
        st.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Optional<Token> findToken(String hash) {
    return db.read("find token", c -> {
      try (PreparedStatement st = c.prepareStatement(
          "SELECT hash, user_id, kind, label, created_at, expires_at FROM tokens WHERE hash = ?")) {
        st.setString(1, hash);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() ? Optional.of(token(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public List<Token> listTokens(String kind) {
    return db.read("list tokens", c -> {
      List<Token> out = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement(
          "SELECT hash, user_id, kind, label, created_at, expires_at FROM tokens WHERE kind = ? ORDER BY created_at, hash")) {
        st.setString(1, kind);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) out.add(token(rs));
        }
      }
      return out;
    });
  }

  @Override
  public void deleteToken(String hash) {
    db.write("delete token", c -> {
      try (PreparedStatement st = c.prepareStatement("DELETE FROM tokens WHERE hash = ?")) {
        st.setString(1, hash);
        st.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public int purgeExpiredTokens(Instant now) {
    return db.write("purge tokens", c -> {
      try (PreparedStatement st = c.prepareStatement(
          "DELETE FROM tokens WHERE expires_at IS NOT NULL AND expires_at <= ?")) {
        st.setLong(1, now.toEpochMilli());
        return st.executeUpdate();
      }
    });
  }

  private Optional<User> one(String sql, Object arg) {
    return db.read("find user", c -> {
      try (PreparedStatement st = c.prepareStatement(sql)) {
        st.setObject(1, arg);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() ? Optional.of(user(rs)) : Optional.empty();
        }
      }
    });
  }

  private static Token token(ResultSet rs) throws SQLException {
    long exp = rs.getLong(6);
    Instant expires = rs.wasNull() ? null : Instant.ofEpochMilli(exp);
    return new Token(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
        Instant.ofEpochMilli(rs.getLong(5)), expires);
  }

  private static User user(ResultSet rs) throws SQLException {
    return new User(rs.getLong(1), rs.getString(2), rs.getString(3), Role.fromWire(rs.getString(4)),
        Instant.ofEpochMilli(rs.getLong(5)));
  }
}
