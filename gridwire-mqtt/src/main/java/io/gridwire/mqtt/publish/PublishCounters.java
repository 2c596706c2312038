package io.gridwire.mqtt.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publisher counters: {@code gridwire.mqtt.publish.messages{kind}} sent and
 * {@code gridwire.mqtt.publish.skipped{reason}} not sent ({@code disconnected}: the broker was
 * away, everything is republished on reconnect; {@code backpressure}: the broker did not
 * acknowledge in time). Thread-safe.
 */
final class PublishCounters {
  final Counter state;
  final Counter config;
  final Counter availability;
  final Counter cleared;
  final Counter skippedDisconnected;
  final Counter skippedBackpressure;
  final Counter failed;

  PublishCounters(MeterRegistry m) {
    state = sent(m, "state");
    config = sent(m, "config");
    availability = sent(m, "availability");
    cleared = sent(m, "clear");
    skippedDisconnected = skipped(m, "disconnected");
    skippedBackpressure = skipped(m, "backpressure");
    failed = skipped(m, "failed");
  }

  private static Counter sent(MeterRegistry m, String kind) {
    return Counter.builder("gridwire.mqtt.publish.messages").tag("kind", kind)
        .description("MQTT messages published, by kind").register(m);
  }

  private static Counter skipped(MeterRegistry m, String reason) {
    return Counter.builder("gridwire.mqtt.publish.skipped").tag("reason", reason)
        .description("MQTT messages not published, by reason").register(m);
  }
}
