package io.gridwire.mqtt.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code gridwire_mqtt_ha_commands_total{outcome}}: accepted, out_of_range, refused, too_many,
 * too_large, retained, unknown_topic, unknown_device, unknown_item, queue_full, failed.
 */
public final class ControlCounters {
  private final MeterRegistry meters;
  private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

  ControlCounters(MeterRegistry meters) {
    this.meters = meters;
  }

  public Counter outcome(String outcome) {
    return counters.computeIfAbsent(outcome, o -> Counter.builder("gridwire.mqtt.ha.commands").tag("outcome", o)
        .description("commands received from Home Assistant over MQTT, by outcome").register(meters));
  }

  /** The count of {@code outcome} so far. */
  public long count(String outcome) {
    Counter c = counters.get(outcome);
    return c == null ? 0 : (long) c.count();
  }
}
