package io.gridwire.app.wiring;

import io.gridwire.core.api.ApiRoute;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.command.CommandLedger;
import io.gridwire.core.command.LedgerConfig;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.bus.Subscription;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.micrometer.core.instrument.MeterRegistry;
import io.gridwire.core.port.CommandStore;
import io.gridwire.core.schedule.Scheduler;
import java.time.Duration;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command ledger, its routes, the sweep that expires commands past their ttl every few
 * seconds, and its meters: {@code gridwire_commands_total{kind,state}} (every state entered) and
 * {@code gridwire_commands_refused_total{status}} (requests refused with 400/404/409/429).
 */
final class CommandWiring implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CommandWiring.class);
  private static final Duration SWEEP = Duration.ofSeconds(5);

  private final CommandLedger ledger;
  private final Scheduler.Task sweeper;
  private final MeterRegistry meters;
  private final Subscription transitions;

  CommandWiring(CommandStore store, Bus<Event> events, Clock clock, LedgerConfig config, MeterRegistry meters,
      Scheduler scheduler) {
    this.ledger = new CommandLedger(store, events, clock, config);
    this.meters = meters;
    this.transitions = events.subscribe("command-meters", SubscriberOptions.live(), this::count);
    // blocking: expiring a command writes it to the store
    this.sweeper = scheduler.everyBlocking("command-expiry", SWEEP, SWEEP, this::sweep);
  }

  CommandLedger ledger() {
    return ledger;
  }

  List<ApiRoute> routes() {
    return new CommandRoutes(ledger, status -> meters.counter("gridwire.commands.refused", "status", Integer.toString(status))
        .increment()).routes();
  }

  /** {@code gridwire_commands_total{kind, state}}: every state a command entered. */
  private void count(Event e) {
    if (e.type() != EventType.COMMAND) return;
    meters.counter("gridwire.commands", "kind", e.data().getOrDefault("kind", ""), "state", e.data().getOrDefault("state", ""))
        .increment();
  }

  private void sweep() {
    try {
      ledger.expireDue();
    } catch (RuntimeException e) {
      log.warn("command ledger: expiry sweep failed ({}); retried in {} s", e.getMessage(), SWEEP.toSeconds());
    }
  }

  @Override
  public void close() {
    transitions.close();
    sweeper.stop(Duration.ZERO); // interrupts a sweep in progress, as before
  }
}
