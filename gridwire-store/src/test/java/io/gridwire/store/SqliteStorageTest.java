package io.gridwire.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;

class SqliteStorageTest extends StorageContract {
  @TempDir Path dir;

  @Override
  protected StoreSettings config() {
    return StoreSettings.sqlite(dir);
  }

  @Override
  protected String appendTable() {
    return "history_journal";
  }

  @Override
  protected void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + config().sqliteFile());
        Statement st = c.createStatement()) {
      st.execute("PRAGMA busy_timeout = 10000");
      st.execute(statement);
    }
  }
}
