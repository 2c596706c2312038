package io.gridwire.app.wiring;

import io.gridwire.core.api.ApiRoute;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.command.CommandLedger;
import io.gridwire.core.command.LedgerConfig;
import io.gridwire.core.event.Event;
import io.gridwire.core.port.CommandStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The command ledger, its routes, and the sweep that expires commands past their ttl every few seconds. */
final class CommandWiring implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CommandWiring.class);
  private static final long SWEEP_SECONDS = 5;

  private final CommandLedger ledger;
  private final ScheduledExecutorService sweeper;

  CommandWiring(CommandStore store, Bus<Event> events, Clock clock, LedgerConfig config) {
    this.ledger = new CommandLedger(store, events, clock, config);
    this.sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("command-expiry").factory());
    sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
  }

  CommandLedger ledger() {
    return ledger;
  }

  List<ApiRoute> routes() {
    return new CommandRoutes(ledger).routes();
  }

  private void sweep() {
    try {
      ledger.expireDue();
    } catch (RuntimeException e) {
      log.warn("command ledger: expiry sweep failed ({}); retried in {} s", e.getMessage(), SWEEP_SECONDS);
    }
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
  }
}
