package io.gridwire.core.alarm;

import io.gridwire.core.port.AlarmStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes alarm changes to the {@link AlarmStore} on one background thread, so
 * {@link AlarmBook#report} never blocks on the database. Only the latest change of each alarm
 * waits (an upsert replaced by a later upsert or delete of the same alarm is not written), so
 * what waits is bounded by the number of alarms, however slow the database: a flapping alarm
 * or a stalled store never grows a queue.
 */
final class AlarmWriteBehind implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlarmWriteBehind.class);
  /** How long {@link #close} waits for the last writes: well inside the gateway's stop bound. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

  private final AlarmStore store;
  /** Alarm key → its latest unwritten change; guarded by {@code this}. */
  private final Map<String, Runnable> pending = new LinkedHashMap<>();
  private int writing;
  private boolean closed;

  AlarmWriteBehind(AlarmStore store) {
    this.store = store;
    Thread.ofPlatform().daemon().name("alarm-store").start(this::run);
  }

  void upsert(ActiveAlarm a) {
    submit(a.key(), () -> store.upsert(a));
  }

  void delete(String deviceId, String alarmId) {
    submit(ActiveAlarm.key(deviceId, alarmId), () -> store.delete(deviceId, alarmId));
  }

  private synchronized void submit(String key, Runnable write) {
    if (closed) return;
    pending.remove(key); // re-inserted last: a key's change is written after older changes of others
    pending.put(key, write);
    notifyAll();
  }

  private void run() {
    while (true) {
      List<Map.Entry<String, Runnable>> batch;
      synchronized (this) {
        while (pending.isEmpty() && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (pending.isEmpty()) return;
        batch = new ArrayList<>(pending.entrySet());
        pending.clear();
        writing = batch.size();
      }
      for (Map.Entry<String, Runnable> w : batch) write(w.getKey(), w.getValue());
      synchronized (this) {
        writing = 0;
        notifyAll();
      }
    }
  }

  private void write(String key, Runnable write) {
    try {
      write.run();
    } catch (RuntimeException e) {
      // The in-memory list stays right; only a restart before the next change would lose this one.
      log.warn("alarm {} not saved: {}; check the database (a restart now may re-raise or forget it)", key, e.toString());
    }
  }

  /** Changes not yet written (tests, metrics). */
  synchronized int waiting() {
    return pending.size() + writing;
  }

  /** Waits until every change submitted so far is written (tests, shutdown). */
  synchronized boolean flush(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!pending.isEmpty() || writing > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) return false;
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /** Writes what waits, for at most {@link #CLOSE_WAIT}, then stops. */
  @Override
  public void close() {
    try {
      if (!flush(CLOSE_WAIT)) {
        log.warn("{} alarm changes not saved at shutdown (the database is slow or down); the next start restores the"
            + " list as last saved and the devices report the rest again", waiting());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      closed = true;
      pending.clear();
      notifyAll();
    }
  }
}
