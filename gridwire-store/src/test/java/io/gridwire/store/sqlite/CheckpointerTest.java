package io.gridwire.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

class CheckpointerTest {
  @TempDir Path dir;

  private SQLiteDataSource source(Path file) {
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
    SQLiteDataSource s = new SQLiteDataSource(cfg);
    s.setUrl("jdbc:sqlite:" + file);
    return s;
  }

  @Test
  void copiesCommitsIntoTheFile_atMostOncePerSpacing() throws Exception {
    Path file = dir.resolve("t.db");
    SQLiteDataSource source = source(file);
    try (Connection writer = source.getConnection(); Statement st = writer.createStatement();
        Checkpointer cp = new Checkpointer(source, file)) {
      st.execute("PRAGMA wal_autocheckpoint = 0");
      st.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v BLOB)");
      long t0 = System.nanoTime();
      int commits = 0;
      while (System.nanoTime() - t0 < 1_500_000_000L) { // 1.5 s of commits, one every 10 ms
        st.execute("INSERT INTO t (v) VALUES (randomblob(4000))");
        cp.committed(writer);
        commits++;
        Thread.sleep(10);
      }
      long seconds = Math.max(1, (System.nanoTime() - t0) / 1_000_000_000L + 1);
      assertTrue(commits > 50, "commits: " + commits);
      assertTrue(cp.checkpoints() >= 1, "the first commit is checkpointed at once");
      assertTrue(cp.checkpoints() <= seconds + 1, cp.checkpoints() + " checkpoints for " + commits + " commits in "
          + seconds + " s: one per commit, not one per spacing");
      long deadline = System.nanoTime() + 5_000_000_000L; // the commits after the last one are copied after the rest
      while (Files.size(file) < commits * 4000L && System.nanoTime() < deadline) Thread.sleep(50);
      assertTrue(Files.size(file) >= commits * 4000L, "database file holds every commit: " + Files.size(file));
    }
  }

  @Test
  void closeEndsTheRestAtOnce() throws Exception {
    Path file = dir.resolve("c.db");
    SQLiteDataSource source = source(file);
    try (Connection writer = source.getConnection(); Statement st = writer.createStatement()) {
      st.execute("CREATE TABLE t (k INTEGER PRIMARY KEY)");
      Checkpointer cp = new Checkpointer(source, file);
      cp.committed(writer);
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (cp.checkpoints() == 0 && System.nanoTime() < deadline) Thread.sleep(5);
      assertEquals(1, cp.checkpoints());
      long t0 = System.nanoTime();
      cp.close();
      assertTrue(System.nanoTime() - t0 < 500_000_000L, "close waited for the spacing");
    }
  }
}
