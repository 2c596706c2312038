package io.gridwire.modbus.it;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.modbus.poll.ModbusConfig;
import io.gridwire.modbus.poll.ModbusDeviceConfig;
import io.gridwire.modbus.poll.ModbusPoller;
import io.gridwire.modbus.profile.ProfileLibrary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A poller wired like the app does, collecting every reading and event. */
final class Harness implements AutoCloseable {
  final Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
  final Bus<Event> events = new Bus<>("events", e -> String.valueOf(e.deviceId()));
  final List<Reading> got = new CopyOnWriteArrayList<>();
  final List<Event> gotEvents = new CopyOnWriteArrayList<>();
  final DeviceRegistry registry = new DeviceRegistry(events, Clock.systemUTC());
  final MetricCatalog catalog = new MetricCatalog();
  final ModbusPoller poller;

  Harness(List<ModbusDeviceConfig> devices) {
    this(devices, ProfileLibrary.builtIns());
  }

  Harness(List<ModbusDeviceConfig> devices, ProfileLibrary profiles) {
    readings.subscribe("test", SubscriberOptions.durable(100_000), got::add);
    events.subscribe("test", SubscriberOptions.durable(100_000), gotEvents::add);
    poller = new ModbusPoller(ModbusConfig.of(devices), profiles, readings, events, registry, catalog,
        Clock.systemUTC(), new SimpleMeterRegistry());
    poller.start();
  }

  List<Reading> of(String deviceId) {
    return got.stream().filter(r -> r.deviceId().equals(deviceId)).toList();
  }

  @Override
  public void close() {
    poller.close();
    readings.close();
    events.close();
  }
}
