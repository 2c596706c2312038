package io.gridwire.rules;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.bus.Subscription;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.schedule.Scheduler;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Feeds a {@link RuleEngine} from the reading bus and ticks it on the shared {@link Scheduler}. */
public final class RuleRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RuleRunner.class);

  private final Subscription subscription;
  private final Scheduler.Task ticker;

  private RuleRunner(Subscription subscription, Scheduler.Task ticker) {
    this.subscription = subscription;
    this.ticker = ticker;
  }

  /**
   * @param tick how often time-driven conditions (hold delays, stale data) are evaluated; it bounds
   *     how late such an alarm can be
   * @param scheduler runs the tick; quick, since the engine reports to the alarm book, which
   *     writes behind its own thread
   */
  public static RuleRunner start(RuleEngine engine, Bus<Reading> readings, Duration tick, Scheduler scheduler) {
    Subscription s = readings.subscribe("alarm-rules", SubscriberOptions.live().withMaxBytes(SubscriberOptions.STATE_BYTES), engine::onReading);
    Scheduler.Task t = scheduler.every("alarm-rules-tick", tick, engine::tick);
    log.info("alarm rules: {} rules, evaluated on every reading and every {}", engine.rules().size(), tick);
    return new RuleRunner(s, t);
  }

  @Override
  public void close() {
    subscription.close();
    ticker.cancel();
  }
}
