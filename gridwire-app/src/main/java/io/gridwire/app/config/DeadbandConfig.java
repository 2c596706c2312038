package io.gridwire.app.config;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import io.gridwire.core.reading.Deadband;

/** A deadband for one metric name, on every device; it overrides the profile's. */
public record DeadbandConfig(
    @Doc("Metric name (required), e.g. battery_voltage.") String metric,
    @Doc("How far the value must move before it is reported again: a number in the metric's unit (0.5) or a percentage of the last reported value (2%).") String deadband) {
  public DeadbandConfig {
    Check.nonBlank("report_by_exception.deadbands[].metric", metric);
    Deadband.parse(deadband, "report_by_exception.deadbands[" + metric + "].deadband");
  }

  public Deadband parsed() {
    return Deadband.parse(deadband, "report_by_exception.deadbands[" + metric + "].deadband");
  }
}
