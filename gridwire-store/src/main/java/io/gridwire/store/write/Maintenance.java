package io.gridwire.store.write;

import io.gridwire.core.port.HistoryStore;
import io.gridwire.core.port.Retention;
import io.gridwire.core.user.UserStore;
import io.gridwire.store.jdbc.JdbcEventStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic housekeeping task: roll-ups of complete buckets, then retention of raw rows,
 * roll-ups and events, then expired tokens. Runs on its own thread so a long roll-up never
 * delays a flush. Thread-safe ({@link #run} is serialised).
 */
public final class Maintenance implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Maintenance.class);

  /** What one run did. */
  public record Result(Instant rolledUpTo, long historyRowsPurged, long eventsPurged, int tokensPurged) {}

  private final HistoryStore history;
  private final JdbcEventStore events;
  private final UserStore users;
  private final Retention retention;
  private final Clock clock;
  private ScheduledExecutorService timer;

  public Maintenance(HistoryStore history, JdbcEventStore events, UserStore users, Retention retention, Clock clock) {
    this.history = history;
    this.events = events;
    this.users = users;
    this.retention = retention;
    this.clock = clock;
  }

  public void start(Duration interval) {
    timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("store-maintenance").unstarted(r));
    timer.scheduleWithFixedDelay(this::runSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs once now. Blocking. */
  public synchronized Result run() {
    Instant now = clock.instant();
    history.rollUp(now);
    long rows = history.purge(retention, now);
    long ev = events.purge(now.minus(retention.events()));
    int tokens = users.purgeExpiredTokens(now);
    if (rows + ev + tokens > 0) log.info("retention: deleted {} history rows, {} events, {} expired tokens", rows, ev, tokens);
    return new Result(now, rows, ev, tokens);
  }

  private void runSafely() {
    try {
      run();
    } catch (RuntimeException e) {
      log.warn("store maintenance failed, retrying next interval: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    if (timer == null) return;
    timer.shutdownNow();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
