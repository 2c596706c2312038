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
  private final ControlCatalog catalog = d -> d.source() == Source.OIG
      ? List.of(ControlEntity.number("batt_prms_bat_min", "Minimum battery charge", "oig_setting", "tbl_batt_prms/BAT_MIN",
              new ControlEntity.Bounds(20, 100, 1, "%"), "batt_prms_bat_min"),
          ControlEntity.number("boiler_prms_p_set", "Boiler power", "oig_setting", "tbl_boiler_prms/P_SET",
              new ControlEntity.Bounds(0, 10_000, 100, "W"), "boiler_prms_p_set"),
          ControlEntity.onOff("boiler_prms_manual", "Boiler manual", "oig_setting", "tbl_boiler_prms/MANUAL",
              "boiler_prms_manual"))
      : List.of(ControlEntity.button("start", "Start", "genset", "start"));
  private final ControlCodec codec = new ControlCodec(topics, new DiscoveryCodec(topics, "gw-1", "1", Duration.ZERO));
  private final HaControls controls = new HaControls(transport, registry, catalog, ledger, codec, new SimpleMeterRegistry());

  HaControlsTest() {
    for (String kind : List.of("genset", "oig_setting")) {
      ledger.register(new CommandHandler() {
        public String kind() {
          return kind;
        }

        public CommandRequest validate(CommandRequest r) {
          return r;
        }
      });
    }
    registry.register(Device.of("gen-1", "north", "generator", Source.MODBUS));
    registry.register(Device.of("box-1", "home", "oig_box", Source.OIG));
  }

  @AfterEach
  void close() {
    events.close();
  }

  private static InboundMessage msg(String topic, String payload, boolean retained) {
    return new InboundMessage(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained);
  }

  private List<Command> queued() {
    return queued("gen-1");
  }

  private List<Command> queued(String device) {
    return ledger.list(new CommandQuery(device, null, 100));
  }

  @Test
  void press_queuesGensetCommandAskedByHomeAssistant() {
    assertThat(controls.accept(msg("gw/gen-1/command/start", "PRESS", false))).isPresent();
    assertThat(queued()).singleElement().satisfies(c -> {
      assertThat(c.target()).isEqualTo("start");
      assertThat(c.value()).isNull();
      assertThat(c.requestedBy()).isEqualTo("home-assistant");
    });
  }

  @Test
  void numberAndSwitch_inRange_queuedAsWholeNumbers() {
    assertThat(controls.accept(msg("gw/box-1/command/batt_prms_bat_min", "80", false))).isPresent();
    assertThat(controls.accept(msg("gw/box-1/command/boiler_prms_p_set", "2500.0", false))).isPresent();
    assertThat(controls.accept(msg("gw/box-1/command/boiler_prms_manual", "1", false))).isPresent();
    assertThat(controls.accept(msg("gw/box-1/command/boiler_prms_manual", "OFF", false))).isPresent();
    assertThat(queued("box-1")).extracting(c -> c.target() + "=" + c.value()).containsExactlyInAnyOrder(
        "tbl_batt_prms/BAT_MIN=80", "tbl_boiler_prms/P_SET=2500", "tbl_boiler_prms/MANUAL=1", "tbl_boiler_prms/MANUAL=0");
    assertThat(controls.counters().count("accepted")).isEqualTo(4);
  }

  @Test
  void numberOutOfRangeOffStepOrNotANumber_andSwitchNotOnOff_refusedCountedNeverQueued() {
    for (String bad : List.of("19", "101", "-1", "80.5", "eighty", "1e9", "")) {
      assertThat(controls.accept(msg("gw/box-1/command/batt_prms_bat_min", bad, false))).as(bad).isEmpty();
    }
    assertThat(controls.accept(msg("gw/box-1/command/boiler_prms_p_set", "150", false))).as("off step 100").isEmpty();
    assertThat(controls.accept(msg("gw/box-1/command/boiler_prms_manual", "2", false))).isEmpty();
    assertThat(controls.accept(msg("gw/box-1/command/boiler_prms_manual", "maybe", false))).isEmpty();
    assertThat(queued("box-1")).isEmpty();
    assertThat(controls.counters().count("out_of_range")).isEqualTo(10);
    assertThat(controls.counters().count("accepted")).isZero();
  }

  @Test
  void slowLedger_inboxFull_dropsCountedWithoutBlockingTheCaller() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    CommandLedger slow = new CommandLedger(new InMemoryCommandStore(), null, clock,
        new LedgerConfig(100, Duration.ofMinutes(10), Duration.ofDays(1)));
    slow.register(new CommandHandler() {
      public String kind() {
        return "genset";
      }

      public CommandRequest validate(CommandRequest r) {
        entered.countDown();
        try {
          release.await(); // a store that hangs
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return r;
      }
    });
    HaControls small = new HaControls(transport, registry, catalog, slow, codec, new SimpleMeterRegistry(), 3);
    try {
      assertThat(small.submit(msg("gw/gen-1/command/start", "PRESS", false))).isTrue();
      assertThat(entered.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      long t0 = System.nanoTime();
      int queuedOk = 0;
      for (int i = 0; i < 10; i++) if (small.submit(msg("gw/gen-1/command/start", "PRESS", false))) queuedOk++;
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("never blocks").isLessThan(Duration.ofSeconds(1));
      assertThat(queuedOk).isEqualTo(3);
      assertThat(small.queued()).isEqualTo(3);
      assertThat(small.counters().count("queue_full")).isEqualTo(7);
      release.countDown();
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
          .until(() -> slow.list(new CommandQuery("gen-1", null, 100)).size() == 4);
      assertThat(small.counters().count("accepted")).isEqualTo(4);
    } finally {
      release.countDown();
      small.close();
    }
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
