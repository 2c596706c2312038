package io.gridwire.store.write;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.port.EventStore;
import io.gridwire.core.event.Event;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * Writes every event on the bus to the {@link EventStore} in batches (a {@link BatchWriter}
 * one unit per event, metric tag {@code writer=events}). Thread-safe.
 */
public final class EventWriter implements AutoCloseable {
  private final BatchWriter<Event> writer;

  public EventWriter(EventStore store, WriterSettings settings, Clock clock, MeterRegistry meters, DropReport report) {
    this.writer = new BatchWriter<>("events", settings, clock, meters, e -> 1, store::append, report);
  }

  public void start(Bus<Event> events) {
    writer.start(events);
  }

  /** See {@link BatchWriter#tick()}. */
  public void tick() {
    writer.tick();
  }

  public long written() {
    return writer.written();
  }

  public long dropped() {
    return writer.dropped();
  }

  public long queued() {
    return writer.queued();
  }

  /** Drains the bus queue and writes everything buffered. Blocking. */
  @Override
  public void close() {
    writer.close();
  }
}
