package io.gridwire.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page caches are native memory per connection: the writer's is larger, every other small. */
class SqliteDatabaseCacheTest {
  @TempDir Path dir;

  private static int cacheSize(java.sql.Connection c) throws java.sql.SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA cache_size")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void writerHasTheLargerCache_readersTheSmallOne() {
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("gridwire.db"))) {
      assertEquals(-SqliteDatabase.WRITE_CACHE_KIB, (int) db.write("cache", SqliteDatabaseCacheTest::cacheSize));
      assertEquals(-SqliteDatabase.READ_CACHE_KIB, (int) db.read("cache", SqliteDatabaseCacheTest::cacheSize));
    }
  }
}
