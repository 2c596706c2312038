package io.gridwire.app.cli;

import io.gridwire.app.config.GridwireConfig;
import io.gridwire.app.wiring.Gateway;
import io.gridwire.mqtt.broker.BrokerCredentials;
import io.gridwire.web.auth.FirstAdmin;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import sun.misc.Signal;

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
    BrokerCredentials mqtt = gateway.mqttBrokerCredentials();
    if (mqtt != null && mqtt.created()) {
      System.out.println("First start: created the embedded MQTT broker's user " + mqtt.username() + " with password "
          + mqtt.password());
      System.out.println("It is kept in " + mqtt.file() + " (readable by you only) and shown once. Simulators on this"
          + " machine use it; give dataloggers their own users (mqtt.embedded_users).");
      System.out.println();
    }
    System.out.println("Gridwire is running: http://127.0.0.1:" + gateway.httpPort() + "/  (Ctrl-C to stop)");
    awaitShutdown(gateway);
    return 0;
  }

  /** How long a stop may take: service and container managers kill after 10 s. */
  static final Duration STOP_LIMIT = Duration.ofMillis(9_500);

  /**
   * Blocks until SIGTERM or SIGINT (Ctrl-C), then closes the gateway cleanly (flushing storage) and
   * returns, so the process exits 0 after a clean stop (not 143, the JVM's answer to SIGTERM). A
   * close that hangs (a database that does not answer) is given up after {@link #STOP_LIMIT}: the
   * stores are crash-safe and the log says what was cut short. Any other way the JVM stops still
   * closes it, from a shutdown hook.
   */
  static void awaitShutdown(AutoCloseable... closeables) throws InterruptedException {
    CountDownLatch stopRequested = new CountDownLatch(1);
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
    for (String name : new String[] {"TERM", "INT"}) Signal.handle(new Signal(name), s -> stopRequested.countDown());
    stopRequested.await();
    closeAll.run();
  }
}
