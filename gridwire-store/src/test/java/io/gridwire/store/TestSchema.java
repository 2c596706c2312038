package io.gridwire.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A private schema {@code gw_test_<random>} in the machine's PostgreSQL database {@code test}
 * (127.0.0.1:5432, trust auth), so concurrent runs never collide. Dropped by {@link #drop}.
 */
final class TestSchema {
  static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String USER = System.getenv().getOrDefault("GRIDWIRE_TEST_PGUSER", "postgres");

  final String name = "gw_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);

  StoreSettings config() {
    return StoreSettings.postgres(URL, USER, System.getenv("GRIDWIRE_TEST_PGPASSWORD"), name);
  }

  void sql(String statement) throws SQLException {
    try (Connection c = DriverManager.getConnection(URL, USER, System.getenv("GRIDWIRE_TEST_PGPASSWORD"));
        Statement st = c.createStatement()) {
      st.execute("SET search_path TO " + name);
      st.execute(statement);
    }
  }

  void drop() throws SQLException {
    try (Connection c = DriverManager.getConnection(URL, USER, System.getenv("GRIDWIRE_TEST_PGPASSWORD"));
        Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }
  }
}
