package io.gridwire.store.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteDataSource;

/**
 * Copies the WAL back into the database file on its own thread and connection ({@code PRAGMA
 * wal_checkpoint(PASSIVE)} after a commit, at most one at a time and at most one per {@link #SPACING}),
 * so the writer's commit does not wait for the copy and its fsync; the writer runs with {@code
 * wal_autocheckpoint = 0}. The spacing matters at a steady write rate: after every commit (about
 * 20 a second at 1,000 gensets) the copies and fsyncs cost 1.5 % of a core, mostly in the kernel,
 * and a page written by several commits was copied each time.
 * Checkpointing never changes what a crash leaves: committed transactions are in the WAL until
 * copied. Bound: when the WAL file passes {@value #WAL_LIMIT_BYTES} bytes the writer checkpoints
 * itself before its next transaction. Thread-safe.
 */
final class Checkpointer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);
  static final long WAL_LIMIT_BYTES = 512L * 1024 * 1024;
  /** {@code journal_size_limit} of the writer: a reset WAL is truncated to this size. */
  static final long WAL_KEEP_BYTES = 64L * 1024 * 1024;
  /** Least time between two checkpoints of this thread. */
  static final Duration SPACING = Duration.ofSeconds(1);

  private final SQLiteDataSource source;
  private final Path wal;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition due = lock.newCondition();
  private final Condition rest = lock.newCondition();
  private boolean pending;
  private volatile boolean stopping;
  private final AtomicLong checkpoints = new AtomicLong();
  private final Thread thread;

  Checkpointer(SQLiteDataSource source, Path dbFile) {
    this.source = source;
    this.wal = dbFile.resolveSibling(dbFile.getFileName() + "-wal");
    this.thread = Thread.ofPlatform().daemon().name("sqlite-checkpoint").start(this::run);
  }

  /** Called by the writer after a commit, on its connection. Checkpoints inline only beyond the bound. */
  void committed(Connection writer) throws SQLException {
    if (walBytes() > WAL_LIMIT_BYTES) {
      try (Statement st = writer.createStatement()) {
        st.execute("PRAGMA wal_checkpoint(PASSIVE)");
      }
    }
    lock.lock();
    try {
      pending = true;
      due.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Checkpoints this thread has run. */
  long checkpoints() {
    return checkpoints.get();
  }

  private long walBytes() {
    try {
      return Files.size(wal);
    } catch (IOException e) {
      return 0;
    }
  }

  private void run() {
    try (Connection c = source.getConnection(); Statement st = c.createStatement()) {
      while (!stopping) {
        lock.lock();
        try {
          while (!pending && !stopping) due.await(); // a commit signals
          if (stopping) break;
          pending = false;
        } finally {
          lock.unlock();
        }
        try {
          st.execute("PRAGMA wal_checkpoint(PASSIVE)");
          checkpoints.incrementAndGet();
        } catch (SQLException e) {
          log.warn("sqlite checkpoint failed (retried after the next commit): {}", e.getMessage());
        }
        restAfterCheckpoint(); // commits meanwhile only set pending: the next checkpoint copies them all
      }
    } catch (SQLException e) {
      log.error("sqlite checkpointer stopped; the writer checkpoints beyond {} bytes of WAL: {}", WAL_LIMIT_BYTES,
          e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void restAfterCheckpoint() throws InterruptedException {
    lock.lock();
    try {
      long left = SPACING.toNanos();
      while (!stopping && left > 0) left = rest.awaitNanos(left);
    } finally {
      lock.unlock();
    }
  }

  /** Stops the thread (closing the last connection checkpoints the rest). Blocking. */
  @Override
  public void close() {
    stopping = true;
    lock.lock();
    try {
      due.signal();
      rest.signal();
    } finally {
      lock.unlock();
    }
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
