package io.gridwire.modbus.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.modbus.profile.ProfileException;
import io.gridwire.modbus.profile.ProfileLibrary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Devices added to and removed from a running poller: only their own loop and connection start or stop. */
class ModbusPollerRuntimeTest {
  private final Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
  private final Bus<Event> events = new Bus<>("events", e -> String.valueOf(e.deviceId()));
  private final DeviceRegistry registry = new DeviceRegistry(events, Clock.systemUTC());
  private final Map<String, FakeTransport> created = new ConcurrentHashMap<>();
  private final TransportFactory factory = devices -> {
    Map<String, io.gridwire.modbus.client.ModbusTransport> out = new java.util.HashMap<>();
    for (ModbusDeviceConfig d : devices) out.put(d.id(), created.computeIfAbsent(d.id(), k -> new FakeTransport()));
    return out;
  };

  private static ModbusDeviceConfig fast(ModbusDeviceConfig d) {
    return d.withTiming(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(100));
  }

  private ModbusPoller poller(List<ModbusDeviceConfig> devices) {
    return new ModbusPoller(ModbusConfig.of(devices), ProfileLibrary.builtIns(), readings, events, registry, new MetricCatalog(),
        Clock.systemUTC(), new SimpleMeterRegistry(), factory);
  }

  @Test
  void add_whileRunning_pollsNewDeviceAndLeavesTheOtherConnectionOpen() {
    try (ModbusPoller p = poller(List.of(fast(ModbusDeviceConfig.tcp("gen-1", "smartgen-hgm9520n", "h1", 502, 1))))) {
      p.start();
      p.add(fast(ModbusDeviceConfig.tcp("gen-2", "smartgen-hgm9560", "h2", 502, 1)), ModbusPoller.ORIGIN_API);
      await().atMost(Duration.ofSeconds(10)).until(() -> p.stats("gen-2").orElseThrow().polls() > 2);
      assertThat(registry.get("gen-2").orElseThrow().attributes()).containsEntry("origin", "api");
      assertThat(registry.get("gen-1").orElseThrow().attributes()).containsEntry("origin", "file");

      assertThat(p.remove("gen-2")).isPresent();
      assertThat(created.get("gen-2").closed).isTrue();
      assertThat(created.get("gen-1").closed).isFalse();
      long polls = p.stats("gen-1").orElseThrow().polls();
      await().atMost(Duration.ofSeconds(10)).until(() -> p.stats("gen-1").orElseThrow().polls() > polls + 2);
      assertThat(p.stats("gen-2")).isEmpty();
      assertThat(p.remove("gen-2")).isEmpty();
    }
  }

  @Test
  void add_secondDeviceBehindAConverter_sharesItsConnectionUntilTheLastIsRemoved() {
    try (ModbusPoller p = poller(List.of(fast(ModbusDeviceConfig.rtuOverTcp("rtu-1", "smartgen-hgm9520n", "conv", 4001, 1))))) {
      p.start();
      p.add(fast(ModbusDeviceConfig.rtuOverTcp("rtu-2", "smartgen-hgm9520n", "conv", 4001, 2)), ModbusPoller.ORIGIN_API);
      assertThat(created).doesNotContainKey("rtu-2"); // the converter's connection is shared, not a second one
      await().atMost(Duration.ofSeconds(10)).until(() -> p.stats("rtu-2").orElseThrow().polls() > 2);
      p.remove("rtu-1");
      assertThat(created.get("rtu-1").closed).isFalse();
      p.remove("rtu-2");
      assertThat(created.get("rtu-1").closed).isTrue();
    }
  }

  @Test
  void add_duplicateIdOrUnknownProfile_refusedAndNothingStarted() {
    try (ModbusPoller p = poller(List.of(ModbusDeviceConfig.tcp("gen-1", "smartgen-hgm9520n", "h1", 502, 1)))) {
      p.start();
      assertThatThrownBy(() -> p.add(ModbusDeviceConfig.tcp("gen-1", "smartgen-hgm9520n", "h9", 502, 1), ModbusPoller.ORIGIN_API))
          .hasMessageContaining("already polled");
      assertThatThrownBy(() -> p.add(ModbusDeviceConfig.tcp("gen-9", "nope", "h9", 502, 1), ModbusPoller.ORIGIN_API))
          .isInstanceOf(ProfileException.class);
      assertThat(p.devices()).extracting(ModbusDeviceConfig::id).containsExactly("gen-1");
      assertThat(created).containsOnlyKeys("gen-1");
    }
  }
}
