package io.gridwire.mqtt.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.command.Command;
import io.gridwire.core.command.CommandHandler;
import io.gridwire.core.command.CommandLedger;
import io.gridwire.core.command.CommandQuery;
import io.gridwire.core.command.CommandRequest;
import io.gridwire.core.command.CommandState;
import io.gridwire.core.command.LedgerConfig;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.device.Source;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.mqtt.client.InboundMessage;
import io.gridwire.mqtt.client.MqttTransport;
import io.gridwire.mqtt.publish.DiscoveryCodec;
import io.gridwire.mqtt.publish.Topics;
import io.gridwire.testkit.ManualClock;
import io.gridwire.testkit.store.InMemoryCommandStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HaControlsTest {
  record Sent(String topic, String payload, boolean retain) {}

  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final MqttTransport transport = new MqttTransport() {
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
      sent.add(new Sent(topic, new String(payload, StandardCharsets.UTF_8), retain));
      return CompletableFuture.completedFuture(null);
    }

    public boolean connected() {
      return true;
    }
  };
  private final ManualClock clock = ManualClock.at("2026-03-01T10:00:00Z");
  private final Bus<Event> events = new Bus<>("events", e -> String.valueOf(e.deviceId()));
  private final DeviceRegistry registry = new DeviceRegistry(events, clock);
  private final CommandLedger ledger = new CommandLedger(new InMemoryCommandStore(), null, clock,
      new LedgerConfig(4, Duration.ofMinutes(10), Duration.ofDays(1)));
  private final Topics topics = new Topics("gw", "homeassistant");
  private final HaControls controls = new HaControls(transport, registry,
      d -> List.of(ControlEntity.button("start", "Start", "genset", "start")), ledger,
      new ControlCodec(topics, new DiscoveryCodec(topics, "gw-1", "1", Duration.ZERO)), new SimpleMeterRegistry());

  HaControlsTest() {
    ledger.register(new CommandHandler() {
      public String kind() {
        return "genset";
      }

      public CommandRequest validate(CommandRequest r) {
        return r;
      }
    });
    registry.register(Device.of("gen-1", "north", "generator", Source.MODBUS));
  }

  @AfterEach
  void close() {
    events.close();
  }

  private static InboundMessage msg(String topic, String payload, boolean retained) {
    return new InboundMessage(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained);
  }

  private List<Command> queued() {
    return ledger.list(new CommandQuery("gen-1", null, 100));
  }

  @Test
  void press_queuesGensetCommandWithMqttRequester() {
    assertThat(controls.accept(msg("gw/gen-1/command/start", "PRESS", false))).isPresent();
    assertThat(queued()).singleElement().satisfies(c -> {
      assertThat(c.target()).isEqualTo("start");
      assertThat(c.requestedBy()).isEqualTo("mqtt:gw/gen-1/command/start");
    });
  }

  @Test
  void retainedOrOversizedOrUnknown_refusedCountedNothingQueued() {
    assertThat(controls.accept(msg("gw/gen-1/command/start", "PRESS", true))).isEmpty();
    assertThat(controls.accept(msg("gw/gen-1/command/start", "x".repeat(HaControls.MAX_PAYLOAD_BYTES + 1), false))).isEmpty();
    assertThat(controls.accept(msg("gw/gen-9/command/start", "PRESS", false))).isEmpty();
    assertThat(controls.accept(msg("gw/gen-1/command/explode", "PRESS", false))).isEmpty();
    assertThat(queued()).isEmpty();
    assertThat(controls.counters().count("retained")).isEqualTo(1);
    assertThat(controls.counters().count("too_large")).isEqualTo(1);
    assertThat(controls.counters().count("unknown_device")).isEqualTo(1);
    assertThat(controls.counters().count("unknown_item")).isEqualTo(1);
  }

  @Test
  void removedDevice_controlConfigsAndStatesCleared() {
    controls.clear(registry.get("gen-1").orElseThrow());
    assertThat(sent).extracting(Sent::topic)
        .containsExactly("homeassistant/button/gridwire_gen_1_start/config", "gw/gen-1/command/start/state");
    assertThat(sent).allMatch(s -> s.payload().isEmpty() && s.retain());
  }

  @Test
  void commandEvent_publishesItemStateRetained() {
    controls.onEvent(new Event(clock.instant(), "gen-1", EventType.COMMAND, "command 7 applied",
        Map.of("command_id", "7", "kind", "genset", "target", "start", "state", CommandState.APPLIED.wireName(),
            "by", "ops@example.com")));
    controls.onEvent(new Event(clock.instant(), "gen-1", EventType.COMMAND, "other",
        Map.of("command_id", "8", "kind", "genset", "target", "stop", "state", "queued", "by", "x")));
    assertThat(sent).singleElement().satisfies(s -> {
      assertThat(s.topic()).isEqualTo("gw/gen-1/command/start/state");
      assertThat(s.retain()).isTrue();
      assertThat(s.payload()).contains("\"command_id\":7", "\"state\":\"applied\"", "\"by\":\"ops@example.com\"");
    });
  }
}
