package io.gridwire.app.cli;

import io.gridwire.app.config.GridwireConfig;
import io.gridwire.app.wiring.Gateway;
import io.gridwire.web.auth.FirstAdmin;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code gridwire run}: the gateway, until Ctrl-C. */
@Command(name = "run", description = "Run the gateway with a config file until stopped (Ctrl-C stops it cleanly).")
public final class RunCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Mixin LogLevel logLevel;

  @Override
  public Integer call() throws Exception {
    logLevel.apply();
    GridwireConfig cfg = config.load();
    Gateway gateway = Gateway.start(cfg, Clock.systemUTC());
    FirstAdmin admin = gateway.ensureFirstAdmin(cfg.auth().adminEmail(), cfg.auth().adminPassword());
    if (admin instanceof FirstAdmin.Generated g) {
      System.out.println();
      System.out.println("First start: created admin " + g.email() + " with password " + g.password());
      System.out.println("This password is shown once. Change it with: ./gridwire users passwd --email " + g.email());
      System.out.println();
    }
    System.out.println("Gridwire is running: http://127.0.0.1:" + gateway.httpPort() + "/  (Ctrl-C to stop)");
    awaitShutdown(gateway);
    return 0;
  }

  /** How long SIGTERM may take: service and container managers kill after 10 s. */
  static final java.time.Duration STOP_LIMIT = java.time.Duration.ofMillis(9_500);

  /**
   * Blocks until the JVM is asked to stop, then closes the gateway cleanly (flushing storage),
   * and lets the process exit after {@link #STOP_LIMIT} even if a close hangs (a database that
   * does not answer): the databases are crash-safe, the log says what was cut short.
   */
  static void awaitShutdown(AutoCloseable... closeables) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      CountDownLatch closed = new CountDownLatch(1);
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
      try {
        if (!closed.await(STOP_LIMIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
          System.err.println("gridwire: stop not finished within " + STOP_LIMIT + "; exiting anyway (unwritten history is lost)");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      stopped.countDown();
    }, "shutdown"));
    stopped.await();
  }
}
