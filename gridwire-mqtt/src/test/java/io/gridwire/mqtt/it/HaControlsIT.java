package io.gridwire.mqtt.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.core.command.Command;
import io.gridwire.core.command.CommandHandler;
import io.gridwire.core.command.CommandLedger;
import io.gridwire.core.command.CommandQuery;
import io.gridwire.core.command.CommandRefused;
import io.gridwire.core.command.CommandRequest;
import io.gridwire.core.command.LedgerConfig;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.Source;
import io.gridwire.mqtt.MqttGateway;
import io.gridwire.mqtt.control.ControlCatalog;
import io.gridwire.mqtt.control.ControlEntity;
import io.gridwire.mqtt.control.HaControls;
import io.gridwire.mqtt.forward.RawForward;
import io.gridwire.testkit.store.InMemoryCommandStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Home Assistant controls against a real broker: a mode published on the command topic becomes an
 * {@code oig_setting} command (checked by a handler with the box mode's range and labels; the app
 * registers the real whitelist), a number and a switch within bounds become commands of their
 * item while values out of bounds never reach the ledger, a button press a {@code genset}
 * command, a bad value and a flood are refused and counted, and the ledger state is published.
 */
class HaControlsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Validates genset command names like the profile's list does (start, stop). */
  private record Gensets() implements CommandHandler {
    public String kind() {
      return "genset";
    }

    public CommandRequest validate(CommandRequest r) {
      if (!Set.of("start", "stop").contains(r.target())) throw CommandRefused.invalid("unknown genset command " + r.target());
      return r;
    }
  }

  private static final List<String> LABELS = List.of("Home 1", "Home 2", "Home 3", "Home UPS", "Home 5", "Home 6");

  /** Takes the box mode as a label or 0..5, like the whitelist's item; refuses anything else. */
  private record Modes() implements CommandHandler {
    public String kind() {
      return "oig_setting";
    }

    public CommandRequest validate(CommandRequest r) {
      if (r.target().equals("tbl_batt_prms/BAT_MIN") || r.target().equals("tbl_boiler_prms/MANUAL")) return r;
      if (!r.target().equals("tbl_box_prms/MODE")) throw CommandRefused.invalid("not settable: " + r.target());
      int i = LABELS.indexOf(r.value());
      if (i < 0 && r.value().matches("[0-5]")) return r;
      if (i < 0) throw CommandRefused.invalid("tbl_box_prms/MODE: value " + r.value() + " is out of range");
      return r.normalised(r.target(), Integer.toString(i));
    }
  }

  private static ControlCatalog catalog() {
    Map<String, String> modes = new LinkedHashMap<>();
    List<String> labels = LABELS;
    for (int i = 0; i < labels.size(); i++) modes.put(Integer.toString(i), labels.get(i));
    return d -> d.source() == Source.OIG
        ? List.of(ControlEntity.select("mode", "Operating mode", "oig_setting", "tbl_box_prms/MODE", modes, "box_prms_mode"),
            ControlEntity.number("batt_prms_bat_min", "Minimum battery charge", "oig_setting", "tbl_batt_prms/BAT_MIN",
                new ControlEntity.Bounds(20, 100, 1, "%"), "batt_prms_bat_min"),
            ControlEntity.onOff("boiler_prms_manual", "Boiler manual", "oig_setting", "tbl_boiler_prms/MANUAL",
                "boiler_prms_manual"))
        : List.of(ControlEntity.button("start", "Start", "genset", "start"),
            ControlEntity.button("stop", "Stop", "genset", "stop"));
  }

  @ParameterizedTest
  @EnumSource(TestBroker.Kind.class)
  void commandTopics_becomeLedgerCommands_badValuesAndFloodsRefused(TestBroker.Kind kind) throws Exception {
    try (TestBroker broker = TestBroker.shared(kind); Harness h = new Harness(broker)) {
      h.config = h.config.toBuilder().ingest(false).haControls(true).build();
      CommandLedger ledger = new CommandLedger(new InMemoryCommandStore(), h.events, h.clock,
          new LedgerConfig(2, Duration.ofMinutes(10), Duration.ofDays(1)));
      ledger.register(new Modes());
      ledger.register(new Gensets());
      String box = "BOX" + h.run;
      String gen = "GEN" + h.run;
      h.registry.register(Device.of(box, "home", "oig_box", Source.OIG));
      h.registry.register(Device.of(gen, "north", "generator", Source.MODBUS));
      MqttGateway g = new MqttGateway(h.config, h.readings, h.events, h.registry, h.catalog, h.clock, h.meters,
          RawForward.none());
      h.gateway = g;
      g.haControls(ledger, catalog());
      g.start();
      await().atMost(Duration.ofSeconds(15)).until(() -> g.connection().readyCount() > 0);
      HaControls controls = g.controls();

      String selectConfig = h.discoveryPrefix + "/select/gridwire_" + box.toLowerCase() + "_mode/config";
      List<String> cfg = Cli.sub(broker.port(), selectConfig, 1, 10);
      assertThat(cfg).hasSize(1);
      JsonNode c = JSON.readTree(cfg.get(0).substring(selectConfig.length() + 1));
      assertThat(c.get("options").toString()).contains("Home UPS");
      String modeTopic = h.statePrefix + "/" + box + "/command/mode";
      assertThat(c.get("command_topic").asText()).isEqualTo(modeTopic);
      assertThat(Cli.sub(broker.port(), h.discoveryPrefix + "/button/gridwire_" + gen.toLowerCase() + "_start/config", 1, 10))
          .hasSize(1);

      Cli.pub(broker.port(), modeTopic, "Home UPS", 1, false);
      await().atMost(Duration.ofSeconds(10)).until(() -> commands(ledger, box).size() == 1);
      Command mode = commands(ledger, box).get(0);
      assertThat(mode.kind()).isEqualTo("oig_setting");
      assertThat(mode.target()).isEqualTo("tbl_box_prms/MODE");
      assertThat(mode.value()).isEqualTo("3");
      assertThat(mode.requestedBy()).isEqualTo("home-assistant");
      List<String> state = Cli.sub(broker.port(), modeTopic + "/state", 1, 10);
      assertThat(state).hasSize(1);
      assertThat(state.get(0)).contains("\"state\":\"queued\"", "\"command_id\":" + mode.id());

      Cli.pub(broker.port(), h.statePrefix + "/" + gen + "/command/start", "PRESS", 1, false);
      await().atMost(Duration.ofSeconds(10)).until(() -> commands(ledger, gen).size() == 1);
      assertThat(commands(ledger, gen).get(0).kind()).isEqualTo("genset");
      assertThat(commands(ledger, gen).get(0).target()).isEqualTo("start");

      Cli.pub(broker.port(), modeTopic, "Home 9", 1, false);
      await().atMost(Duration.ofSeconds(10)).until(() -> controls.counters().count("out_of_range") == 1);
      Cli.pub(broker.port(), h.statePrefix + "/" + box + "/command/boiler", "1", 1, false);
      await().atMost(Duration.ofSeconds(10)).until(() -> controls.counters().count("unknown_item") == 1);
      assertThat(commands(ledger, box)).hasSize(1);

      // the ledger holds at most 2 open commands per device here: the third is the API's 429
      Cli.pub(broker.port(), modeTopic, "Home 1", 1, false);
      Cli.pub(broker.port(), modeTopic, "Home 2", 1, false);
      await().atMost(Duration.ofSeconds(10)).until(() -> controls.counters().count("too_many") == 1);
      assertThat(commands(ledger, box)).hasSize(2);
      assertThat(controls.counters().count("accepted")).isEqualTo(3);
      assertThat(controls.counters().count("refused")).as("nothing out of range reached the ledger").isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(TestBroker.Kind.class)
  void numberAndSwitch_announcedWithBounds_inRangeQueued_outOfRangeRefusedNeverQueued(TestBroker.Kind kind)
      throws Exception {
    try (TestBroker broker = TestBroker.shared(kind); Harness h = new Harness(broker)) {
      h.config = h.config.toBuilder().ingest(false).haControls(true).build();
      CommandLedger ledger = new CommandLedger(new InMemoryCommandStore(), h.events, h.clock,
          new LedgerConfig(8, Duration.ofMinutes(10), Duration.ofDays(1)));
      ledger.register(new Modes());
      String box = "BOX" + h.run;
      h.registry.register(Device.of(box, "home", "oig_box", Source.OIG));
      MqttGateway g = new MqttGateway(h.config, h.readings, h.events, h.registry, h.catalog, h.clock, h.meters,
          RawForward.none());
      h.gateway = g;
      g.haControls(ledger, catalog());
      g.start();
      await().atMost(Duration.ofSeconds(15)).until(() -> g.connection().readyCount() > 0);
      HaControls controls = g.controls();

      String numberConfig = h.discoveryPrefix + "/number/gridwire_" + box.toLowerCase() + "_batt_prms_bat_min/config";
      List<String> cfg = Cli.sub(broker.port(), numberConfig, 1, 10);
      assertThat(cfg).hasSize(1);
      JsonNode n = JSON.readTree(cfg.get(0).substring(numberConfig.length() + 1));
      assertThat(n.get("min").asLong()).isEqualTo(20);
      assertThat(n.get("max").asLong()).isEqualTo(100);
      assertThat(n.get("unit_of_measurement").asText()).isEqualTo("%");
      assertThat(n.get("state_topic").asText()).isEqualTo(h.statePrefix + "/" + box + "/state");
      String switchConfig = h.discoveryPrefix + "/switch/gridwire_" + box.toLowerCase() + "_boiler_prms_manual/config";
      assertThat(Cli.sub(broker.port(), switchConfig, 1, 10)).singleElement().asString().contains("\"payload_on\":\"1\"");

      String minTopic = h.statePrefix + "/" + box + "/command/batt_prms_bat_min";
      Cli.pub(broker.port(), minTopic, "80", 1, false);
      await().atMost(Duration.ofSeconds(10)).until(() -> commands(ledger, box).size() == 1);
      assertThat(commands(ledger, box).get(0)).satisfies(c -> {
        assertThat(c.target()).isEqualTo("tbl_batt_prms/BAT_MIN");
        assertThat(c.value()).isEqualTo("80");
        assertThat(c.requestedBy()).isEqualTo("home-assistant");
      });
      assertThat(Cli.sub(broker.port(), minTopic + "/state", 1, 10)).singleElement().asString().contains("\"state\":\"queued\"");

      Cli.pub(broker.port(), minTopic, "5", 1, false);
      Cli.pub(broker.port(), minTopic, "101", 1, false);
      Cli.pub(broker.port(), h.statePrefix + "/" + box + "/command/boiler_prms_manual", "7", 1, false);
      await().atMost(Duration.ofSeconds(10)).until(() -> controls.counters().count("out_of_range") == 3);
      Cli.pub(broker.port(), h.statePrefix + "/" + box + "/command/boiler_prms_manual", "1", 1, false);
      await().atMost(Duration.ofSeconds(10)).until(() -> commands(ledger, box).size() == 2);
      assertThat(commands(ledger, box)).extracting(c -> c.target() + "=" + c.value())
          .containsExactlyInAnyOrder("tbl_batt_prms/BAT_MIN=80", "tbl_boiler_prms/MANUAL=1");
      assertThat(controls.counters().count("refused")).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(TestBroker.Kind.class)
  void stalledLedger_commandsWaitInTheQueue_otherTopicsStillFlow(TestBroker.Kind kind) throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    try (TestBroker broker = TestBroker.shared(kind); Harness h = new Harness(broker)) {
      h.config = h.config.toBuilder().ingest(false).haControls(true).build();
      CommandLedger ledger = new CommandLedger(new InMemoryCommandStore(), h.events, h.clock,
          new LedgerConfig(8, Duration.ofMinutes(10), Duration.ofDays(1)));
      ledger.register(new CommandHandler() { // a store that hangs on every command
        public String kind() {
          return "genset";
        }

        public CommandRequest validate(CommandRequest r) {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return r;
        }
      });
      String gen = "GEN" + h.run;
      h.registry.register(Device.of(gen, "north", "generator", Source.MODBUS));
      List<String> forwarded = new java.util.concurrent.CopyOnWriteArrayList<>();
      String raw = "itraw" + h.run;
      MqttGateway g = new MqttGateway(h.config, h.readings, h.events, h.registry, h.catalog, h.clock, h.meters,
          new RawForward(List.of(raw + "/#"), (topic, payload) -> forwarded.add(topic)));
      h.gateway = g;
      g.haControls(ledger, catalog());
      g.start();
      await().atMost(Duration.ofSeconds(15)).until(() -> g.connection().readyCount() > 0);

      Cli.pub(broker.port(), h.statePrefix + "/" + gen + "/command/start", "PRESS", 1, false);
      Cli.pub(broker.port(), h.statePrefix + "/" + gen + "/command/stop", "PRESS", 1, false);
      await().atMost(Duration.ofSeconds(10)).until(() -> g.controls().queued() == 1); // one in the ledger, one waiting
      Cli.pub(broker.port(), raw + "/ping", "1", 1, false);
      await("the client's thread is free while the ledger hangs").atMost(Duration.ofSeconds(10))
          .until(() -> forwarded.contains(raw + "/ping"));

      release.countDown();
      await().atMost(Duration.ofSeconds(10)).until(() -> commands(ledger, gen).size() == 2);
      assertThat(commands(ledger, gen)).extracting(Command::target).containsExactlyInAnyOrder("start", "stop");
    } finally {
      release.countDown();
    }
  }

  private static List<Command> commands(CommandLedger ledger, String device) {
    return ledger.list(new CommandQuery(device, null, 100));
  }
}
