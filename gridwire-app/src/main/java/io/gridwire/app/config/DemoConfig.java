package io.gridwire.app.config;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import java.time.Duration;

/** The built-in synthetic device (demo and smoke tests). */
public record DemoConfig(
    @Doc("Publish synthetic genset readings (devices synthetic-1..N), for demos and load measurements.") boolean synthetic,
    @Doc("Interval between two readings of each synthetic device.") Duration syntheticInterval,
    @Doc("Number of synthetic devices.") int syntheticDevices) {
  public DemoConfig {
    Check.positive("demo.synthetic_interval", syntheticInterval);
    Check.range("demo.synthetic_devices", syntheticDevices, 1, 100_000);
  }

  public static DemoConfig defaults() {
    return new DemoConfig(false, Duration.ofSeconds(1), 1);
  }
}
