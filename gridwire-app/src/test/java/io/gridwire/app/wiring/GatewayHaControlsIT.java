package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.app.config.ConfigLoader;
import io.gridwire.app.config.GridwireConfig;
import io.gridwire.core.command.Command;
import io.gridwire.core.command.CommandQuery;
import io.gridwire.core.command.CommandState;
import io.gridwire.modbus.poll.TransportKind;
import io.gridwire.modbus.sim.ModbusSimulator;
import io.gridwire.modbus.sim.SimulatorConfig;
import io.gridwire.oig.sim.OigBoxSimulator;
import io.gridwire.testkit.FreePorts;
import io.gridwire.testkit.RealServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Home Assistant controls end to end on the machine's Mosquitto: the OIG box's mode select is
 * announced, a mode published on its command topic (as Home Assistant does, with mosquitto_pub)
 * becomes a ledger command that the box simulator applies while the cloud is down, the ledger's
 * state follows on the retained state topic, and a value outside the whitelist queues nothing; a
 * genset's Start button (from its profile's commands) pressed reaches the Smartgen simulator. A
 * number (battery minimum, bounds from the whitelist) and the boiler switch go the same way, and
 * their state is the value the box reports afterwards; a number out of bounds queues nothing.
 */
class GatewayHaControlsIT {
  private static final String BOX = "2206237016";
  @TempDir Path dir;

  @Test
  void modeFromHomeAssistant_appliedByBox_stateFollowsLedger_badValueRefused() throws Exception {
    RealServices.require("Mosquitto", RealServices.MOSQUITTO);
    String run = UUID.randomUUID().toString().substring(0, 8);
    String discovery = "ha-" + run;
    String states = "gw-" + run;
    GridwireConfig cfg = new ConfigLoader().load(null, Map.ofEntries(
        Map.entry("GRIDWIRE_NODE_DATA_DIR", dir.toString()),
        Map.entry("GRIDWIRE_HTTP_HOST", "127.0.0.1"),
        Map.entry("GRIDWIRE_HTTP_PORT", "0"),
        Map.entry("GRIDWIRE_AUTH_BCRYPT_COST", "4"),
        Map.entry("GRIDWIRE_OIG_ENABLED", "true"),
        Map.entry("GRIDWIRE_OIG_LISTEN_HOST", "127.0.0.1"),
        Map.entry("GRIDWIRE_OIG_LISTEN_PORT", "0"),
        Map.entry("GRIDWIRE_OIG_CLOUD_HOST", "127.0.0.1"),
        Map.entry("GRIDWIRE_OIG_CLOUD_PORT", Integer.toString(FreePorts.next())), // the cloud is down
        Map.entry("GRIDWIRE_MQTT_ENABLED", "true"),
        Map.entry("GRIDWIRE_MQTT_INGEST", "false"),
        Map.entry("GRIDWIRE_MQTT_HA_CONTROLS", "true"),
        Map.entry("GRIDWIRE_MQTT_BROKER_URL", "mqtt://127.0.0.1:1883"),
        Map.entry("GRIDWIRE_MQTT_CLIENT_ID", "gridwire-it-" + run),
        Map.entry("GRIDWIRE_MQTT_DISCOVERY_PREFIX", discovery),
        Map.entry("GRIDWIRE_MQTT_STATE_PREFIX", states)));
    try (Gateway g = Gateway.start(cfg, Clock.systemUTC());
        OigBoxSimulator box = new OigBoxSimulator("127.0.0.1", g.oig().port(), BOX, ZoneId.of("Europe/Prague"),
            Clock.systemUTC(), Duration.ofSeconds(5))) {
      box.connect();
      box.exchange(box.frames().actual(Instant.now()));
      String modeTopic = states + "/" + BOX + "/command/mode";
      await().atMost(Duration.ofSeconds(15)).until(() -> retained(discovery + "/select/#").stream()
          .anyMatch(l -> l.contains("\"command_topic\":\"" + modeTopic + "\"") && l.contains("Home UPS")));

      pub(modeTopic, "Home UPS");
      await().atMost(Duration.ofSeconds(10)).until(() -> commands(g).size() == 1);
      Command asked = commands(g).get(0);
      assertThat(asked.kind()).isEqualTo("oig_setting");
      assertThat(asked.target()).isEqualTo("tbl_box_prms/MODE");
      assertThat(asked.value()).isEqualTo("3");
      assertThat(asked.requestedBy()).isEqualTo("home-assistant");

      box.poll();
      await().atMost(Duration.ofSeconds(10)).until(() -> commands(g).get(0).state() == CommandState.APPLIED);
      await().atMost(Duration.ofSeconds(10)).until(() -> retained(modeTopic + "/state").stream()
          .anyMatch(l -> l.contains("\"state\":\"applied\"") && l.contains("\"command_id\":" + asked.id())));

      pub(modeTopic, "Home 9");
      await().atMost(Duration.ofSeconds(10)).until(() -> g.mqtt().controls().counters().count("out_of_range") == 1);
      assertThat(commands(g)).hasSize(1);
    } finally {
      clearRetained(discovery + "/#");
      clearRetained(states + "/#");
    }
  }

  @Test
  void numberAndSwitchFromHomeAssistant_appliedByBox_stateIsTheBoxReport_outOfRangeNeverQueued() throws Exception {
    RealServices.require("Mosquitto", RealServices.MOSQUITTO);
    String run = UUID.randomUUID().toString().substring(0, 8);
    String discovery = "ha-" + run;
    String states = "gw-" + run;
    GridwireConfig cfg = new ConfigLoader().load(null, Map.ofEntries(
        Map.entry("GRIDWIRE_NODE_DATA_DIR", dir.toString()),
        Map.entry("GRIDWIRE_HTTP_HOST", "127.0.0.1"),
        Map.entry("GRIDWIRE_HTTP_PORT", "0"),
        Map.entry("GRIDWIRE_AUTH_BCRYPT_COST", "4"),
        Map.entry("GRIDWIRE_OIG_ENABLED", "true"),
        Map.entry("GRIDWIRE_OIG_LISTEN_HOST", "127.0.0.1"),
        Map.entry("GRIDWIRE_OIG_LISTEN_PORT", "0"),
        Map.entry("GRIDWIRE_OIG_CLOUD_HOST", "127.0.0.1"),
        Map.entry("GRIDWIRE_OIG_CLOUD_PORT", Integer.toString(FreePorts.next())), // the cloud is down
        Map.entry("GRIDWIRE_MQTT_ENABLED", "true"),
        Map.entry("GRIDWIRE_MQTT_INGEST", "false"),
        Map.entry("GRIDWIRE_MQTT_HA_CONTROLS", "true"),
        Map.entry("GRIDWIRE_MQTT_BROKER_URL", "mqtt://127.0.0.1:1883"),
        Map.entry("GRIDWIRE_MQTT_CLIENT_ID", "gridwire-it-" + run),
        Map.entry("GRIDWIRE_MQTT_DISCOVERY_PREFIX", discovery),
        Map.entry("GRIDWIRE_MQTT_STATE_PREFIX", states)));
    try (Gateway g = Gateway.start(cfg, Clock.systemUTC());
        OigBoxSimulator box = new OigBoxSimulator("127.0.0.1", g.oig().port(), BOX, ZoneId.of("Europe/Prague"),
            Clock.systemUTC(), Duration.ofSeconds(5))) {
      box.connect();
      box.exchange(box.frames().actual(Instant.now()));
      String minTopic = states + "/" + BOX + "/command/batt_prms_bat_min";
      String boilerTopic = states + "/" + BOX + "/command/boiler_prms_manual";
      await().atMost(Duration.ofSeconds(15)).until(() -> retained(discovery + "/number/#").stream()
          .anyMatch(l -> l.contains("\"command_topic\":\"" + minTopic + "\"")));
      String number = retained(discovery + "/number/#").stream().filter(l -> l.contains(minTopic)).findFirst().orElseThrow();
      // the whitelist's bounds: tbl_batt_prms BAT_MIN 20..100 % (protocols/oig.md §5)
      assertThat(number).contains("\"min\":20", "\"max\":100", "\"step\":1", "\"unit_of_measurement\":\"%\"",
          "\"state_topic\":\"" + states + "/" + BOX + "/state\"", "value_json.get('batt_prms_bat_min')",
          states + "/" + BOX + "/availability");
      assertThat(retained(discovery + "/number/#")).noneMatch(l -> l.contains("p_max_feed_grid"));
      assertThat(retained(discovery + "/switch/#")).anyMatch(l -> l.contains("\"command_topic\":\"" + boilerTopic + "\"")
          && l.contains("\"payload_on\":\"1\""));

      pub(minTopic, "5");
      pub(minTopic, "101");
      pub(minTopic, "80");
      await().atMost(Duration.ofSeconds(10)).until(() -> commands(g).size() == 1);
      assertThat(g.mqtt().controls().counters().count("out_of_range")).isEqualTo(2);
      Command asked = commands(g).get(0);
      assertThat(asked.target()).isEqualTo("tbl_batt_prms/BAT_MIN");
      assertThat(asked.value()).isEqualTo("80");
      assertThat(asked.requestedBy()).isEqualTo("home-assistant");

      box.poll();
      await().atMost(Duration.ofSeconds(10)).until(() -> commands(g).get(0).state() == CommandState.APPLIED);
      await().atMost(Duration.ofSeconds(10)).until(() -> retained(minTopic + "/state").stream()
          .anyMatch(l -> l.contains("\"state\":\"applied\"") && l.contains("\"by\":\"home-assistant\"")));
      // the number shows 80 once the box reports it, as a box does in its next tbl_batt_prms
      box.exchange(box.frames().table("tbl_batt_prms", Instant.now(), "ID_SubD", "0", "BAT_MIN",
          box.parameters().get("tbl_batt_prms/BAT_MIN")));
      await().atMost(Duration.ofSeconds(10)).until(() -> retained(states + "/" + BOX + "/state").stream()
          .anyMatch(l -> l.matches(".*\"batt_prms_bat_min\":80(\\.0)?[,}].*")));

      pub(boilerTopic, "1");
      await().atMost(Duration.ofSeconds(10)).until(() -> commands(g).size() == 2);
      box.poll();
      await().atMost(Duration.ofSeconds(10)).until(() -> commands(g).stream()
          .anyMatch(c -> c.target().equals("tbl_boiler_prms/MANUAL") && c.state() == CommandState.APPLIED));
      assertThat(box.parameters()).containsEntry("tbl_boiler_prms/MANUAL", "1").containsEntry("tbl_batt_prms/BAT_MIN", "80");
      assertThat(box.settingsReceived()).hasSize(2);
    } finally {
      clearRetained(discovery + "/#");
      clearRetained(states + "/#");
    }
  }

  @Test
  void gensetStartButton_pressed_appliedByStatusRegisters() throws Exception {
    RealServices.require("Mosquitto", RealServices.MOSQUITTO);
    String run = UUID.randomUUID().toString().substring(0, 8);
    String discovery = "ha-" + run;
    String states = "gw-" + run;
    try (ModbusSimulator sim = ModbusSimulator.start(new SimulatorConfig("smartgen-hgm9520n", TransportKind.TCP,
        "127.0.0.1", 0, 1, Duration.ofMillis(100)))) {
      sim.values().setLabel("gen_status_name", "standby");
      Files.writeString(dir.resolve("gridwire.yaml"), """
          modbus:
            devices:
              - {id: gen-1, profile: smartgen-hgm9520n, host: 127.0.0.1, port: %d, unit_id: 1, interval: 200ms}
          """.formatted(sim.port()));
      GridwireConfig cfg = new ConfigLoader().load(dir.resolve("gridwire.yaml"), Map.ofEntries(
          Map.entry("GRIDWIRE_NODE_DATA_DIR", dir.toString()),
          Map.entry("GRIDWIRE_HTTP_HOST", "127.0.0.1"),
          Map.entry("GRIDWIRE_HTTP_PORT", "0"),
          Map.entry("GRIDWIRE_AUTH_BCRYPT_COST", "4"),
          Map.entry("GRIDWIRE_MQTT_ENABLED", "true"),
          Map.entry("GRIDWIRE_MQTT_INGEST", "false"),
          Map.entry("GRIDWIRE_MQTT_HA_CONTROLS", "true"),
          Map.entry("GRIDWIRE_MQTT_BROKER_URL", "mqtt://127.0.0.1:1883"),
          Map.entry("GRIDWIRE_MQTT_CLIENT_ID", "gridwire-it-" + run),
          Map.entry("GRIDWIRE_MQTT_DISCOVERY_PREFIX", discovery),
          Map.entry("GRIDWIRE_MQTT_STATE_PREFIX", states)));
      try (Gateway g = Gateway.start(cfg, Clock.systemUTC())) {
        String startTopic = states + "/gen-1/command/start";
        await().atMost(Duration.ofSeconds(15)).until(() -> retained(discovery + "/button/#").stream()
            .anyMatch(l -> l.contains("\"command_topic\":\"" + startTopic + "\"")));
        assertThat(retained(discovery + "/button/#")).anyMatch(l -> l.contains("gridwire_gen_1_stop"));
        await().atMost(Duration.ofSeconds(10)).until(() -> g.registry().get("gen-1").map(d -> d.online()).orElse(false));

        pub(startTopic, "PRESS");
        await().atMost(Duration.ofSeconds(10)).until(() -> !g.commands().list(new CommandQuery("gen-1", null, 10)).isEmpty());
        Command start = g.commands().list(new CommandQuery("gen-1", null, 10)).get(0);
        assertThat(start.kind()).isEqualTo("genset");
        assertThat(start.target()).isEqualTo("start");
        assertThat(start.requestedBy()).isEqualTo("home-assistant");
        await().atMost(Duration.ofSeconds(20)).until(() -> retained(startTopic + "/state").stream()
            .anyMatch(l -> l.contains("\"state\":\"applied\"")));
      }
    } finally {
      clearRetained(discovery + "/#");
      clearRetained(states + "/#");
    }
  }

  private static List<Command> commands(Gateway g) {
    return g.commands().list(new CommandQuery(BOX, null, 10));
  }

  private static void pub(String topic, String payload) {
    run(List.of("mosquitto_pub", "-h", "127.0.0.1", "-p", "1883", "-q", "1", "-t", topic, "-m", payload));
  }

  /** The retained messages under {@code filter}, as "topic payload" lines. */
  private static List<String> retained(String filter) {
    List<String> out = new ArrayList<>();
    for (String l : run(List.of("mosquitto_sub", "-h", "127.0.0.1", "-p", "1883", "-v", "-t", filter, "--retained-only",
        "-W", "1")).split("\n")) {
      if (!l.isBlank() && !l.startsWith("Timed out")) out.add(l);
    }
    return out;
  }

  private static void clearRetained(String filter) {
    run(List.of("mosquitto_sub", "-h", "127.0.0.1", "-p", "1883", "-t", filter, "--remove-retained", "--retained-only",
        "-W", "1"));
  }

  private static String run(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + cmd.get(0) + " (apt-get install -y mosquitto-clients)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
