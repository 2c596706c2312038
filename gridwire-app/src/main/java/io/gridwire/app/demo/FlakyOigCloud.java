package io.gridwire.app.demo;

import io.gridwire.oig.sim.OigCloudSimulator;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated OIG cloud that goes down for {@code outage} every {@code period}: connections are
 * dropped and refused, then it answers again. The box behind the gateway should never notice.
 */
public final class FlakyOigCloud implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FlakyOigCloud.class);
  private final OigCloudSimulator cloud;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("flaky-cloud").factory());

  public FlakyOigCloud(int port, Duration period, Duration outage) throws IOException {
    this.cloud = new OigCloudSimulator("127.0.0.1", port, ZoneId.of("Europe/Prague"), Clock.systemUTC()).start();
    timer.scheduleAtFixedRate(() -> goDown(outage), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  public int port() {
    return cloud.port();
  }

  private void goDown(Duration outage) {
    log.info("demo: simulated OIG cloud goes down for {} s", outage.toSeconds());
    cloud.dropConnections();
    cloud.refuse();
    timer.schedule(() -> {
      try {
        cloud.normal();
        log.info("demo: simulated OIG cloud is back");
      } catch (IOException e) {
        log.warn("demo: simulated OIG cloud could not come back: {}", e.toString());
      }
    }, outage.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    cloud.close();
  }
}
