package io.gridwire.rules;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.bus.Subscription;
import io.gridwire.core.reading.Reading;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Feeds a {@link RuleEngine} from the reading bus and ticks it on its own thread. */
public final class RuleRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RuleRunner.class);

  private final Subscription subscription;
  private final ScheduledExecutorService ticker;

  private RuleRunner(Subscription subscription, ScheduledExecutorService ticker) {
    this.subscription = subscription;
    this.ticker = ticker;
  }

  /**
   * @param tick how often time-driven conditions (hold delays, stale data) are evaluated; it bounds
   *     how late such an alarm can be
   */
  public static RuleRunner start(RuleEngine engine, Bus<Reading> readings, Duration tick) {
    Subscription s = readings.subscribe("alarm-rules", SubscriberOptions.live(), engine::onReading);
    ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("alarm-rules-tick").factory());
    t.scheduleWithFixedDelay(() -> {
      try {
        engine.tick();
      } catch (RuntimeException e) {
        log.warn("alarm rule tick failed: {}", e.toString(), e);
      }
    }, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    log.info("alarm rules: {} rules, evaluated on every reading and every {}", engine.rules().size(), tick);
    return new RuleRunner(s, t);
  }

  @Override
  public void close() {
    subscription.close();
    ticker.shutdownNow();
  }
}
