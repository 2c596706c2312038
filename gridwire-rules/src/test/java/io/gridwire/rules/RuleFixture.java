package io.gridwire.rules;

import io.gridwire.core.alarm.Severity;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.device.Source;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.testkit.ManualClock;
import io.gridwire.testkit.alarm.RecordingAlarmSink;
import java.time.Duration;
import java.util.List;

/** One generator {@code gen-1} on site {@code north}, a manual clock, an engine and a recording sink. */
final class RuleFixture implements AutoCloseable {
  final ManualClock clock = ManualClock.at("2026-01-01T00:00:00Z");
  final Bus<Event> events = new Bus<>("events", e -> "");
  final DeviceRegistry registry = new DeviceRegistry(events, clock);
  final MetricCatalog catalog = new MetricCatalog();
  final RecordingAlarmSink sink = new RecordingAlarmSink();
  final RuleEngine engine;

  RuleFixture(AlarmRule... rules) {
    registry.register(Device.of("gen-1", "north", "generator", Source.MODBUS));
    engine = new RuleEngine(List.of(rules), registry, catalog, sink, clock);
  }

  /** Publishes one reading of gen-1 stamped now, with metric/value pairs (Double or Boolean). */
  void read(Object... pairs) {
    readFromDeviceClock(Duration.ZERO, pairs);
  }

  /** As {@link #read}, stamped by a device whose clock is {@code behind} the gateway's. */
  void readFromDeviceClock(Duration behind, Object... pairs) {
    Reading.Builder b = Reading.builder("gen-1", clock.instant().minus(behind), clock.instant());
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] instanceof Boolean v) b.put((String) pairs[i], v);
      else b.put((String) pairs[i], ((Number) pairs[i + 1]).doubleValue());
    }
    engine.onReading(b.build());
  }

  void advance(Duration d) {
    clock.advance(d);
    engine.tick();
  }

  Boolean state(String ruleId) {
    return sink.state("gen-1", "rule_" + ruleId);
  }

  static AlarmRule fuelBelow20For10m() {
    return new AlarmRule("fuel_low", "Fuel low", Severity.WARNING, DeviceMatch.ANY, "fuel_level",
        new RuleCondition.Threshold(Bound.of("r", Bound.Direction.BELOW, 20, 22.0), Duration.ofMinutes(10)));
  }

  @Override
  public void close() {
    events.close();
  }
}
