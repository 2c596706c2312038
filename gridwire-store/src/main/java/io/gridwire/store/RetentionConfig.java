package io.gridwire.store;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import io.gridwire.core.port.Retention;
import java.time.Duration;

/** The {@code storage.retention} section: how long each kind of data is kept. */
public record RetentionConfig(
    @Doc("Raw readings.") Duration raw,
    @Doc("1-minute roll-ups (avg/min/max).") Duration minuteRollups,
    @Doc("1-hour roll-ups (avg/min/max).") Duration hourRollups,
    @Doc("Events.") Duration events) {
  public RetentionConfig {
    Check.positive("storage.retention.raw", raw);
    Check.positive("storage.retention.minute_rollups", minuteRollups);
    Check.positive("storage.retention.hour_rollups", hourRollups);
    Check.positive("storage.retention.events", events);
  }

  /** {@link Retention#defaults()}. */
  public static RetentionConfig defaults() {
    Retention r = Retention.defaults();
    return new RetentionConfig(r.raw(), r.rollup1m(), r.rollup1h(), r.events());
  }

  public Retention toRetention() {
    return new Retention(raw, minuteRollups, hourRollups, events);
  }
}
