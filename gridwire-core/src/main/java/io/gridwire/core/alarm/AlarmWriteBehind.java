package io.gridwire.core.alarm;

import io.gridwire.core.port.AlarmStore;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes alarm changes to the {@link AlarmStore} on one background thread, in the order they
 * happened, so {@link AlarmBook#report} never blocks on the database.
 */
final class AlarmWriteBehind implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlarmWriteBehind.class);
  private final AlarmStore store;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(
      Thread.ofPlatform().daemon().name("alarm-store").factory());

  AlarmWriteBehind(AlarmStore store) {
    this.store = store;
  }

  void upsert(ActiveAlarm a) {
    submit(() -> store.upsert(a), a.key());
  }

  void delete(String deviceId, String alarmId) {
    submit(() -> store.delete(deviceId, alarmId), ActiveAlarm.key(deviceId, alarmId));
  }

  private void submit(Runnable work, String key) {
    if (thread.isShutdown()) return;
    thread.execute(() -> {
      try {
        work.run();
      } catch (RuntimeException e) {
        // The in-memory list stays right; only a restart before the next change would lose this one.
        log.warn("alarm {} not saved: {}; check the database (a restart now may re-raise or forget it)", key, e.toString());
      }
    });
  }

  /** Waits for every submitted write (tests, shutdown). */
  boolean flush(Duration timeout) throws InterruptedException {
    var done = new java.util.concurrent.CountDownLatch(1);
    thread.execute(done::countDown);
    return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(5, TimeUnit.SECONDS)) log.warn("alarm store writes still pending at shutdown");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
