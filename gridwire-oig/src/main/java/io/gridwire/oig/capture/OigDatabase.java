package io.gridwire.oig.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The module's own SQLite file, {@code <dataDir>/oig.db}, in WAL mode. Capture and backfill each
 * hold one connection to it.
 */
public final class OigDatabase {
  private OigDatabase() {}

  /** Opens a connection, creating the directory and applying {@code ddl} statements. */
  public static Connection open(Path dataDir, String... ddl) {
    try {
      Files.createDirectories(dataDir);
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("oig.db").toAbsolutePath());
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA busy_timeout=5000");
        for (String d : ddl) s.execute(d);
      }
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException("oig.dataDir " + dataDir + ": " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new IllegalStateException("oig.dataDir " + dataDir + ": cannot open oig.db: " + e.getMessage(), e);
    }
  }
}
