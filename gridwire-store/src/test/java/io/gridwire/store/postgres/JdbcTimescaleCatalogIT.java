package io.gridwire.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwire.testkit.RealServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Against the machine's PostgreSQL, which has no TimescaleDB preloaded: asking to create the
 * extension is refused before PostgreSQL is asked (where the package is installed but not
 * preloaded, CREATE EXTENSION ends the session with FATAL), and the connection stays usable.
 */
class JdbcTimescaleCatalogIT {
  @Test
  void createExtension_notPreloaded_refusedWithTheFixAndConnectionStillUsable() throws Exception {
    RealServices.require("PostgreSQL", RealServices.POSTGRES);
    String user = System.getenv().getOrDefault("GRIDWIRE_TEST_PGUSER", "postgres");
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", user,
        System.getenv("GRIDWIRE_TEST_PGPASSWORD"))) {
      String preload;
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_setting('shared_preload_libraries')")) {
        rs.next();
        preload = rs.getString(1);
      }
      org.junit.jupiter.api.Assumptions.assumeFalse(preload.contains("timescaledb"), "this server preloads TimescaleDB");
      JdbcTimescaleCatalog catalog = new JdbcTimescaleCatalog(c, "public");
      assertThatThrownBy(catalog::createExtension).isInstanceOf(SQLException.class)
          .hasMessageContaining("shared_preload_libraries").hasMessageContaining("restart PostgreSQL");
      assertThat(catalog.installed()).isNull();
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
        assertThat(rs.next()).isTrue();
      }
    }
  }
}
