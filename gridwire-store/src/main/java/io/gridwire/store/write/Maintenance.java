package io.gridwire.store.write;

import io.gridwire.core.port.HistoryStore;
import io.gridwire.core.port.Retention;
import io.gridwire.core.schedule.Scheduler;
import io.gridwire.core.user.UserStore;
import io.gridwire.store.jdbc.JdbcEventStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic housekeeping task: roll-ups of complete buckets, then retention of raw rows,
 * roll-ups and events, then expired tokens. Timed by the shared {@link Scheduler} and run on a
 * virtual thread of its own, so a long roll-up never delays a flush or another task. Thread-safe
 * ({@link #run} is serialised).
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
  private Scheduler.Task timer;

  public Maintenance(HistoryStore history, JdbcEventStore events, UserStore users, Retention retention, Clock clock) {
    this.history = history;
    this.events = events;
    this.users = users;
    this.retention = retention;
    this.clock = clock;
  }

  public void start(Duration interval, Scheduler scheduler) {
    timer = scheduler.everyBlocking("store-maintenance", interval, interval, this::runSafely);
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
    if (timer != null) timer.stop(Duration.ofSeconds(10)); // interrupts a run in progress and waits for it
  }
}
