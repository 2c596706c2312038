package io.gridwire.core.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DeviceRegistryTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void presence_transitionsEmitEventsOnce() throws Exception {
    try (Bus<Event> events = new Bus<>("events", e -> String.valueOf(e.deviceId()))) {
      List<Event> got = new CopyOnWriteArrayList<>();
      events.subscribe("t", SubscriberOptions.durable(100), got::add);
      DeviceRegistry reg = new DeviceRegistry(events, clock);

      reg.register(Device.of("gen-1", "s1", "generator", Source.MODBUS));
      reg.register(Device.of("gen-1", "s1", "generator", Source.MODBUS).withName("Genset 1"));
      reg.seen("gen-1");
      reg.seen("gen-1");
      reg.offline("gen-1", "timeout after 2 s");
      reg.offline("gen-1", "timeout after 2 s");
      reg.seen("gen-1");
      events.awaitDrained(Duration.ofSeconds(5));

      assertThat(got).extracting(Event::type).containsExactly(EventType.DEVICE_DISCOVERED, EventType.DEVICE_ONLINE,
          EventType.DEVICE_OFFLINE, EventType.CONNECTION_ERROR, EventType.DEVICE_ONLINE);
      Device d = reg.get("gen-1").orElseThrow();
      assertThat(d.name()).isEqualTo("Genset 1");
      assertThat(d.online()).isTrue();
      assertThat(d.error()).isNull();
    }
  }

  @Test
  void update_seesTheCurrentDeviceKeepsPresence_andAThrowChangesNothing() {
    DeviceRegistry reg = new DeviceRegistry(null, clock);
    reg.register(Device.of("a", "", "x", Source.MQTT));
    reg.seen("a");
    reg.drainDirty();
    Device renamed = reg.update("a", d -> d.withName("Roof " + d.kind()));
    assertThat(renamed.name()).isEqualTo("Roof x");
    assertThat(renamed.online()).as("presence kept").isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> reg.update("a", d -> {
      throw new IllegalStateException("refused: " + d.source());
    })).hasMessage("refused: MQTT");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> reg.update("b", d -> {
      throw new IllegalStateException("no");
    })).hasMessage("no");
    assertThat(reg.get("b")).isEmpty();
    assertThat(reg.get("a").orElseThrow().name()).isEqualTo("Roof x");
    assertThat(reg.update("c", d -> d == null ? Device.of("c", "", "y", Source.WS) : d).source()).isEqualTo(Source.WS);
  }

  @Test
  void removeIf_conditionFalse_keptAndNoRemovalSideEffects() {
    DeviceRegistry reg = new DeviceRegistry(null, clock);
    java.util.List<Device> heard = new java.util.ArrayList<>();
    reg.register(Device.of("a", "", "x", Source.MQTT));
    reg.seen("a");
    reg.drainDirty();
    reg.addListener(heard::add);
    assertThat(reg.removeIf("a", d -> !d.online())).isEmpty();
    assertThat(reg.get("a")).isPresent();
    assertThat(reg.drainDirty().isEmpty()).isTrue();
    assertThat(heard).isEmpty();
    reg.offline("a", null);
    assertThat(reg.removeIf("a", d -> !d.online())).get().extracting(Device::id).isEqualTo("a");
    assertThat(reg.get("a")).isEmpty();
    assertThat(reg.drainDirty().removed()).containsExactly("a");
    assertThat(reg.removeIf("nope", d -> true)).isEmpty();
  }

  @Test
  void drainDirty_returnsChangedOnceAndRemovals() {
    DeviceRegistry reg = new DeviceRegistry(null, clock);
    reg.register(Device.of("a", "", "x", Source.MQTT));
    reg.register(Device.of("b", "", "x", Source.MQTT));
    reg.seen("a");
    DeviceRegistry.Changes first = reg.drainDirty();
    assertThat(first.upserted()).extracting(Device::id).containsExactlyInAnyOrder("a", "b");
    assertThat(reg.drainDirty().isEmpty()).isTrue();
    reg.remove("b");
    assertThat(reg.drainDirty().removed()).containsExactly("b");
  }

  @Test
  void list_filtersBySiteSourceAndPresence() {
    DeviceRegistry reg = new DeviceRegistry(null, clock);
    reg.register(Device.of("a", "s1", "x", Source.MQTT));
    reg.register(Device.of("b", "s2", "x", Source.MODBUS));
    reg.seen("b");
    assertThat(reg.list(new DeviceFilter("s1", null, null))).extracting(Device::id).containsExactly("a");
    assertThat(reg.list(new DeviceFilter(null, Source.MODBUS, true))).extracting(Device::id).containsExactly("b");
    assertThat(reg.list(new DeviceFilter(null, null, false))).extracting(Device::id).containsExactly("a");
  }
}
