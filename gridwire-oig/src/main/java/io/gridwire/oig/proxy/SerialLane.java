package io.gridwire.oig.proxy;

import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of one box session that may block (store calls: backfill, the command ledger, a new
 * box id's admission), off the {@link IoLoop}: run in order, one at a time, on a virtual thread
 * started when work arrives and ending when none is left. Thread-safe.
 */
final class SerialLane {
  private static final Logger log = LoggerFactory.getLogger(SerialLane.class);

  private final String name;
  private final ArrayDeque<Runnable> work = new ArrayDeque<>();
  private boolean running;

  SerialLane(String name) {
    this.name = name;
  }

  /** Runs {@code task} after the work submitted before it. */
  void submit(Runnable task) {
    synchronized (work) {
      work.addLast(task);
      if (running) return;
      running = true;
    }
    Thread.ofVirtual().name(name).start(this::drain);
  }

  private void drain() {
    while (true) {
      Runnable r;
      synchronized (work) {
        r = work.pollFirst();
        if (r == null) {
          running = false;
          return;
        }
      }
      try {
        r.run();
      } catch (RuntimeException e) {
        log.warn("{}: {}", name, e.toString(), e);
      }
    }
  }
}
