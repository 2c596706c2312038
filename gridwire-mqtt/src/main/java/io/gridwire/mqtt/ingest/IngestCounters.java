package io.gridwire.mqtt.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * Ingest counters in Micrometer: {@code gridwire.mqtt.ingest.messages} (accepted, by channel),
 * {@code gridwire.mqtt.ingest.rejected} (by reason), {@code gridwire.mqtt.ingest.discovered}.
 * Thread-safe.
 */
public final class IngestCounters {
  private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
  private final Map<DeviceTopic.Channel, Counter> accepted = new EnumMap<>(DeviceTopic.Channel.class);
  private final Counter discovered;

  public IngestCounters(MeterRegistry meters) {
    for (RejectReason r : RejectReason.values()) {
      rejected.put(r, Counter.builder("gridwire.mqtt.ingest.rejected").tag("reason", r.wireName())
          .description("MQTT ingest messages not used, by reason").register(meters));
    }
    for (DeviceTopic.Channel c : DeviceTopic.Channel.values()) {
      accepted.put(c, Counter.builder("gridwire.mqtt.ingest.messages").tag("channel", c.wireName())
          .description("MQTT ingest messages used, by topic channel").register(meters));
    }
    discovered = Counter.builder("gridwire.mqtt.ingest.discovered")
        .description("devices created by their first heartbeat").register(meters);
  }

  void rejected(RejectReason r) {
    rejected.get(r).increment();
  }

  void accepted(DeviceTopic.Channel c) {
    accepted.get(c).increment();
  }

  void discovered() {
    discovered.increment();
  }

  public long rejectedCount(RejectReason r) {
    return (long) rejected.get(r).count();
  }

  /** Rejections so far, by reason (wire name). */
  public Map<String, Long> rejectedByReason() {
    Map<String, Long> out = new java.util.LinkedHashMap<>();
    for (var e : rejected.entrySet()) out.put(e.getKey().wireName(), (long) e.getValue().count());
    return out;
  }

  /** Accepted messages so far, by channel (wire name). */
  public Map<String, Long> acceptedByChannel() {
    Map<String, Long> out = new java.util.LinkedHashMap<>();
    for (var e : accepted.entrySet()) out.put(e.getKey().wireName(), (long) e.getValue().count());
    return out;
  }

  public long discoveredCount() {
    return (long) discovered.count();
  }
}
