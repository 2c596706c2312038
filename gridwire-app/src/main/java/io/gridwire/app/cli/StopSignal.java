package io.gridwire.app.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT (Ctrl-C) turned into a clean stop that exits 0 (not 143, the JVM's answer to
 * SIGTERM). {@link #install()} takes the signals over at once, before start-up, so a signal that
 * arrives while the gateway starts (or just after it says it is running) waits for start-up and
 * then stops it cleanly instead of killing the JVM. {@link #awaitThenClose} blocks until a signal,
 * then closes what it is given. A close that hangs (a database that does not answer) is given up
 * after {@link #STOP_LIMIT}: the stores are crash-safe and the message says what was cut short.
 * Any other way the JVM stops still closes it, from a shutdown hook.
 */
final class StopSignal {
  /** How long a stop may take: service and container managers kill after 10 s. */
  static final Duration STOP_LIMIT = Duration.ofMillis(9_500);

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private volatile boolean waiting;

  private StopSignal() {}

  static StopSignal install() {
    StopSignal s = new StopSignal();
    for (String name : new String[] {"TERM", "INT"}) Signal.handle(new Signal(name), sig -> s.onSignal());
    return s;
  }

  private void onSignal() {
    if (waiting || stopRequested.getCount() > 0) {
      if (!waiting) {
        System.err.println("gridwire: stop requested while starting; stopping cleanly once start-up is done"
            + " (signal again to exit at once)");
      }
      stopRequested.countDown();
      return;
    }
    // A second signal while start-up still runs (a database that does not answer): exit now, as the
    // JVM would have; the stores are crash-safe.
    System.err.println("gridwire: second stop request during start-up; exiting at once");
    Runtime.getRuntime().halt(130);
  }

  void awaitThenClose(AutoCloseable... closeables) throws InterruptedException {
    CountDownLatch closed = new CountDownLatch(1);
    // One deadline for every caller (signal, then the shutdown hook System.exit runs): the hook
    // must not wait a second STOP_LIMIT after the first one ran out.
    AtomicLong deadline = new AtomicLong(Long.MIN_VALUE);
    Runnable closeAll = () -> {
      if (deadline.compareAndSet(Long.MIN_VALUE, System.nanoTime() + STOP_LIMIT.toNanos())) {
        Thread.ofPlatform().daemon().name("shutdown-close").start(() -> {
          for (AutoCloseable c : closeables) {
            try {
              c.close();
            } catch (Exception e) {
              System.err.println("gridwire: while stopping: " + e);
            }
          }
          closed.countDown();
        });
      }
      try {
        long left = deadline.get() - System.nanoTime();
        if (!closed.await(Math.max(0, left), TimeUnit.NANOSECONDS) && left > 0) {
          System.err.println("gridwire: stop not finished within " + STOP_LIMIT.toMillis()
              + " ms; exiting anyway (history not yet written is lost, the store stays consistent)");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    Runtime.getRuntime().addShutdownHook(new Thread(closeAll, "shutdown"));
    waiting = true;
    stopRequested.await();
    closeAll.run();
  }
}
