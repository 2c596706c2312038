package io.gridwire.uplink.link;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.bus.Subscription;
import io.gridwire.core.port.DurableQueue;
import io.gridwire.core.port.QueueEntry;
import io.gridwire.core.schedule.Scheduler;
import io.gridwire.uplink.outbox.OutboxBounds;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a link's outbox from the bus: durable (DROP, never COALESCE) subscriptions whose batches
 * become one outbox commit each, plus a once-a-second duty that expires old messages and reports
 * drops (bound, age, bus overflow, store failure). Thread-safe.
 */
public final class OutboxFeeder implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OutboxFeeder.class);

  private final String name;
  private final DurableQueue outbox;
  private final LinkTelemetry telemetry;
  private final OutboxBounds bounds;
  private final Clock clock;
  private final Runnable onAppend;
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private Scheduler ownScheduler;
  private Scheduler.Task duty;

  /**
   * @param onAppend called after each successful append (wakes the sender)
   */
  public OutboxFeeder(String name, DurableQueue outbox, LinkTelemetry telemetry, OutboxBounds bounds, Clock clock,
      Runnable onAppend) {
    this.name = name;
    this.outbox = outbox;
    this.telemetry = telemetry;
    this.bounds = bounds;
    this.clock = clock;
    this.onAppend = onAppend;
  }

  /** Subscribes {@code bus}; {@code mapper} returns null for items not to send. */
  public <T> void subscribe(Bus<T> bus, String subscriber, int capacity, Function<T, QueueEntry.Draft> mapper) {
    subscriptions.add(bus.subscribeBatch(subscriber, SubscriberOptions.durable(capacity), batch -> {
      List<QueueEntry.Draft> drafts = new ArrayList<>(batch.size());
      for (T item : batch) {
        QueueEntry.Draft d = mapper.apply(item);
        if (d != null) drafts.add(d);
      }
      append(drafts);
    }));
  }

  /** Appends as one commit; a store failure is counted as dropped and recorded, never thrown. */
  public void append(List<QueueEntry.Draft> drafts) {
    if (drafts.isEmpty()) return;
    try {
      telemetry.dropped(DropReason.BOUND, outbox.append(drafts));
      onAppend.run();
    } catch (RuntimeException e) {
      telemetry.error("outbox write failed: " + e.getMessage());
      telemetry.dropped(DropReason.STORE, drafts.size());
      log.error("link {}: outbox write of {} message(s) failed", name, drafts.size(), e);
    }
  }

  /**
   * Starts the once-a-second duty on {@code scheduler} (the app's shared one), each run on a
   * virtual thread since it writes to the outbox; with null (tests, tools) on a one-thread
   * scheduler of its own.
   */
  public synchronized void start(Scheduler scheduler) {
    if (scheduler == null) scheduler = ownScheduler = new Scheduler("link-" + name + "-duty", 1);
    duty = scheduler.everyBlocking("link-" + name + "-duty", Duration.ofSeconds(1), Duration.ofSeconds(1), this::tick);
  }

  /** Expires messages past the age bound and reports drops; also callable directly (tests). */
  public void tick() {
    try {
      telemetry.dropped(DropReason.EXPIRED, outbox.expire(clock.instant().minus(bounds.maxAge())));
      long busDrops = 0;
      for (Subscription s : subscriptions) busDrops += s.stats().dropped();
      telemetry.busDropsTotal(busDrops);
      telemetry.flush();
    } catch (RuntimeException e) {
      log.warn("link {}: outbox duty failed: {}", name, e.toString());
    }
  }

  /** Waits up to {@code timeout} for queued bus items to reach the outbox, then unsubscribes. */
  public void close(Duration timeout) {
    for (Subscription s : subscriptions) {
      try {
        if (!s.awaitDrained(timeout)) log.warn("link {}: bus not drained into the outbox within {}", name, timeout);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      s.close();
    }
    if (duty != null) duty.stop(Duration.ZERO); // interrupts a run in progress, as before
    if (ownScheduler != null) ownScheduler.close();
    tick();
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }
}
