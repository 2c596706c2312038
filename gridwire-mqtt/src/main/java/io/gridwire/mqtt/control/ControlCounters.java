package io.gridwire.mqtt.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code gridwire_mqtt_ha_commands_total{outcome}}: accepted, out_of_range, refused, too_many,
 * too_large, retained, unknown_topic, unknown_device, unknown_item, queue_full, failed; and the
 * once-a-minute WARN per outcome.
 */
public final class ControlCounters {
  private static final long LOG_EVERY_NANOS = 60_000_000_000L;
  private final MeterRegistry meters;
  private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicLong> lastLog = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicLong> suppressed = new ConcurrentHashMap<>();

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

  boolean mayLog(String outcome) {
    AtomicLong last = lastLog.computeIfAbsent(outcome, o -> new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS - 1));
    long now = System.nanoTime();
    long prev = last.get();
    if (now - prev >= LOG_EVERY_NANOS && last.compareAndSet(prev, now)) return true;
    suppressed.computeIfAbsent(outcome, o -> new AtomicLong()).incrementAndGet();
    return false;
  }

  long suppressed(String outcome) {
    AtomicLong s = suppressed.get(outcome);
    return s == null ? 0 : s.getAndSet(0);
  }
}
