package io.gridwire.store.write;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.port.HistoryStore;
import io.gridwire.core.reading.Reading;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * Writes every reading on the bus to the {@link HistoryStore} in batches (a {@link BatchWriter}
 * weighted by values per reading, metric tag {@code writer=history}). Thread-safe.
 */
public final class HistoryWriter implements AutoCloseable {
  private final BatchWriter<Reading> writer;

  public HistoryWriter(HistoryStore store, WriterSettings settings, Clock clock, MeterRegistry meters, DropReport report) {
    this.writer = new BatchWriter<>("history", settings, clock, meters, r -> r.values().size(), store::append, report);
  }

  public void start(Bus<Reading> readings) {
    writer.start(readings);
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
