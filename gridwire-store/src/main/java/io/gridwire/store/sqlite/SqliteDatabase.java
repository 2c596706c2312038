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
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * One SQLite file in WAL mode: a single writer connection used by one transaction at a time
 * ({@code synchronous=NORMAL}: a crash may lose the last commits, never corrupts the file;
 * {@code FULL} on request) and a
 * small pool of reader connections that read concurrently with the writer. WAL pages are copied back
 * into the file by a {@link Checkpointer} thread, off the writer's commit path.
 */
public final class SqliteDatabase extends Database {
  private static final int BUSY_TIMEOUT_MS = 10_000;
  /**
   * Page cache of the writer connection, KiB: the pages of the history b-tree that inserts touch.
   * SQLite's cache is native memory outside the Java heap, per connection, and stays filled: with
   * 64 MiB on every connection (writer, readers, checkpointer, each queue file) the gateway's RSS
   * at 1,000 gensets was ~100 MB higher; a page that misses is read from the OS's file cache.
   * 8 MiB since history goes through the journal (appends touch a few sequential pages; a fold
   * touches each active series' tail page once a minute, ~46 MB at 1,000 gensets, which no cache
   * of this size would hold anyway).
   */
  static final int WRITE_CACHE_KIB = 8 * 1024;
  /** Page cache of every other connection (readers, the checkpointer), KiB. */
  static final int READ_CACHE_KIB = 4 * 1024;

  private final Path file;
  private final SQLiteDataSource source;
  private final HikariDataSource readers;
  private final ReentrantLock writeLock = new ReentrantLock();
  private Connection writer;
  private final Checkpointer checkpointer;

  private SqliteDatabase(Path file, boolean fsync) {
    this.file = file;
    this.source = dataSource(file, fsync);
    HikariConfig hc = new HikariConfig();
    hc.setDataSource(source);
    hc.setPoolName("gridwire-sqlite-read");
    hc.setMaximumPoolSize(4);
    hc.setMinimumIdle(1);
    this.readers = new HikariDataSource(hc);
    this.checkpointer = new Checkpointer(source, file);
  }

  /** Opens (creating when missing) the store's {@code file}, runs the migrations, opens the writer. Blocking. */
  public static SqliteDatabase open(Path file) {
    return open(file, new Schema(null, Map.of(), "classpath:db/migration/sqlite"), false);
  }

  /**
   * Opens (creating when missing) {@code file} with its own {@code schema} (a file other parts of
   * the gateway may share), runs the migrations, opens the writer. Blocking.
   *
   * @param fsync {@code synchronous=FULL} (a commit survives power loss) instead of {@code NORMAL}
   *     (survives a process crash)
   */
  public static SqliteDatabase open(Path file, Schema schema, boolean fsync) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException("cannot create data directory for " + file + ": " + e.getMessage(), e);
    }
    FluentConfiguration flyway = Flyway.configure().dataSource(dataSource(file, fsync)).locations(schema.locations())
        .placeholders(schema.placeholders());
    if (schema.history() != null) {
      // a file that already holds tables of others, or of the same tables before migrations: start at 0
      flyway.table(schema.history()).baselineOnMigrate(true).baselineVersion("0");
    }
    flyway.load().migrate();
    return new SqliteDatabase(file, fsync);
  }

  /**
   * The migrations of one set of tables in a file.
   *
   * @param history name of the migration history table, when the file may hold other tables
   *     (null: Flyway's default, for a file of its own)
   * @param placeholders {@code ${name}} values substituted in the migrations
   * @param locations where the migrations are ({@code classpath:...})
   */
  public record Schema(String history, Map<String, String> placeholders, String... locations) {}

  private static SQLiteDataSource dataSource(Path file, boolean fsync) {
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
    cfg.setSynchronous(fsync ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
    cfg.setBusyTimeout(BUSY_TIMEOUT_MS);
    cfg.enforceForeignKeys(true);
    cfg.setTempStore(SQLiteConfig.TempStore.MEMORY);
    cfg.setCacheSize(-READ_CACHE_KIB);
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
          st.execute("PRAGMA cache_size = -" + WRITE_CACHE_KIB);
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
