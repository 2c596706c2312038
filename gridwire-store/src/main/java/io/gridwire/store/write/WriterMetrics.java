package io.gridwire.store.write;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;

/**
 * Meters of one write-behind writer, tagged {@code writer=<name>}:
 * {@code gridwire.store.write.batch} (units per batch), {@code gridwire.store.write.latency},
 * {@code gridwire.store.write.units} (values or events written), {@code gridwire.store.write.dropped} (tag {@code at=bus}: items; {@code at=buffer}: units),
 * {@code gridwire.store.write.failures} (failed batch attempts), {@code gridwire.store.write.queue}
 * (units waiting: bus queue plus buffer).
 */
final class WriterMetrics {
  final DistributionSummary batch;
  final Timer latency;
  final Counter written;
  final Counter droppedAtBus;
  final Counter droppedAtBuffer;
  final Counter failures;

  WriterMetrics(MeterRegistry registry, String writer, Supplier<Number> queued) {
    batch = DistributionSummary.builder("gridwire.store.write.batch").tag("writer", writer).baseUnit("units")
        .description("units (values or events) per write batch").register(registry);
    latency = Timer.builder("gridwire.store.write.latency").tag("writer", writer)
        .description("time to write one batch").register(registry);
    written = Counter.builder("gridwire.store.write.units").tag("writer", writer)
        .description("units (values or events) written").register(registry);
    droppedAtBus = Counter.builder("gridwire.store.write.dropped").tag("writer", writer).tag("at", "bus")
        .description("items (readings, events) dropped because the writer's bus queue was full").register(registry);
    droppedAtBuffer = Counter.builder("gridwire.store.write.dropped").tag("writer", writer).tag("at", "buffer")
        .description("units dropped because the buffer was full (store failing or slower than the input)").register(registry);
    failures = Counter.builder("gridwire.store.write.failures").tag("writer", writer)
        .description("failed write attempts (retried)").register(registry);
    Gauge.builder("gridwire.store.write.queue", queued).tag("writer", writer)
        .description("units waiting to be written").register(registry);
  }
}
