package io.gridwire.store.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.gridwire.store.jdbc.Database;
import io.gridwire.store.jdbc.SqlWork;
import io.gridwire.store.jdbc.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * One SQLite file in WAL mode: a single writer connection used by one transaction at a time
 * ({@code synchronous=NORMAL}: a crash may lose the last commits, never corrupts the file) and a
 * small pool of reader connections that read concurrently with the writer. WAL pages are copied back
 * into the file by a {@link Checkpointer} thread, off the writer's commit path.
 */
public final class SqliteDatabase extends Database {
  private static final int BUSY_TIMEOUT_MS = 10_000;

  private final Path file;
  private final SQLiteDataSource source;
  private final HikariDataSource readers;
  private final ReentrantLock writeLock = new ReentrantLock();
  private Connection writer;
  private final Checkpointer checkpointer;

  private SqliteDatabase(Path file) {
    this.file = file;
    this.source = dataSource(file);
    HikariConfig hc = new HikariConfig();
    hc.setDataSource(source);
    hc.setPoolName("gridwire-sqlite-read");
    hc.setMaximumPoolSize(4);
    hc.setMinimumIdle(1);
    this.readers = new HikariDataSource(hc);
    this.checkpointer = new Checkpointer(source, file);
  }

  /** Opens (creating when missing) {@code file}, runs the migrations, opens the writer. Blocking. */
  public static SqliteDatabase open(Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException("cannot create data directory for " + file + ": " + e.getMessage(), e);
    }
    Flyway.configure().dataSource(dataSource(file)).locations("classpath:db/migration/sqlite").load().migrate();
    return new SqliteDatabase(file);
  }

  private static SQLiteDataSource dataSource(Path file) {
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
    cfg.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    cfg.setBusyTimeout(BUSY_TIMEOUT_MS);
    cfg.enforceForeignKeys(true);
    cfg.setTempStore(SQLiteConfig.TempStore.MEMORY);
    cfg.setCacheSize(-65_536); // 64 MiB page cache per connection: keeps the history b-tree's hot pages
    SQLiteDataSource ds = new SQLiteDataSource(cfg);
    ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    return ds;
  }

  public Path file() {
    return file;
  }

  @Override
  protected <T> T inTransaction(SqlWork<T> work) throws SQLException {
    writeLock.lock();
    try {
      if (writer == null || writer.isClosed()) {
        writer = source.getConnection();
        try (java.sql.Statement st = writer.createStatement()) {
          st.execute("PRAGMA wal_autocheckpoint = 0"); // the checkpointer thread does it
          st.execute("PRAGMA journal_size_limit = " + Checkpointer.WAL_KEEP_BYTES);
        }
      }
      T result = transaction(writer, work);
      checkpointer.committed(writer);
      return result;
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  protected DataSource readDataSource() {
    return readers;
  }

  @Override
  public boolean postgres() {
    return false;
  }

  @Override
  public void close() {
    checkpointer.close();
    writeLock.lock();
    try {
      if (writer != null) writer.close();
      writer = null;
    } catch (SQLException ignored) {
      // closing anyway
    } finally {
      writeLock.unlock();
    }
    readers.close();
  }
}
