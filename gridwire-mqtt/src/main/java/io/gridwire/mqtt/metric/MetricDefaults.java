package io.gridwire.mqtt.metric;

import io.gridwire.core.reading.MetricInfo;
import io.gridwire.core.reading.Value;
import java.util.List;

/**
 * Metadata for metrics no connector declared (MQTT and WebSocket devices send free-form JSON):
 * guessed from the snake_case name's last word, e.g. {@code battery_voltage} → V/voltage,
 * {@code energy_kwh} → kWh/energy/total_increasing. Numbers without a match are plain
 * {@code measurement}s without unit; text gets no state class. Pure; thread-safe.
 */
public final class MetricDefaults {
  private MetricDefaults() {}

  private record Rule(String suffix, String unit, String deviceClass, String stateClass) {}

  // Longest, most specific suffixes first.
  private static final List<Rule> RULES = List.of(
      new Rule("energy_kwh", "kWh", "energy", "total_increasing"),
      new Rule("_kwh", "kWh", "energy", "total_increasing"),
      new Rule("_wh", "Wh", "energy", "total_increasing"),
      new Rule("energy", "kWh", "energy", "total_increasing"),
      new Rule("apparent_power", "VA", "apparent_power", "measurement"),
      new Rule("reactive_power", "var", "reactive_power", "measurement"),
      new Rule("power_factor", null, "power_factor", "measurement"),
      new Rule("_kw", "kW", "power", "measurement"),
      new Rule("power", "W", "power", "measurement"),
      new Rule("voltage", "V", "voltage", "measurement"),
      new Rule("_v", "V", "voltage", "measurement"),
      new Rule("current", "A", "current", "measurement"),
      new Rule("frequency", "Hz", "frequency", "measurement"),
      new Rule("_hz", "Hz", "frequency", "measurement"),
      new Rule("temperature", "°C", "temperature", "measurement"),
      new Rule("_temp", "°C", "temperature", "measurement"),
      new Rule("humidity", "%", "humidity", "measurement"),
      new Rule("soc", "%", "battery", "measurement"),
      new Rule("battery_level", "%", "battery", "measurement"),
      new Rule("signal", "dBm", "signal_strength", "measurement"),
      new Rule("rssi", "dBm", "signal_strength", "measurement"),
      new Rule("pressure", "hPa", "pressure", "measurement"),
      new Rule("uptime", "s", "duration", "total_increasing"),
      new Rule("percent", "%", null, "measurement"));

  /** Metadata for {@code name}, shaped by the kind of its {@code sample} value (may be null). */
  public static MetricInfo infer(String name, Value sample) {
    String label = label(name);
    if (sample instanceof Value.Bool) return new MetricInfo(name, label, null, null, null);
    if (sample instanceof Value.Text) return new MetricInfo(name, label, null, null, null);
    for (Rule r : RULES) {
      if (name.endsWith(r.suffix()) || name.equals(r.suffix())) {
        return new MetricInfo(name, label, r.unit(), r.deviceClass(), r.stateClass());
      }
    }
    return new MetricInfo(name, label, null, null, "measurement");
  }

  /** {@code battery_voltage} → {@code Battery voltage}. */
  public static String label(String name) {
    String s = name.replace('_', ' ').trim();
    if (s.isEmpty()) return name;
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
