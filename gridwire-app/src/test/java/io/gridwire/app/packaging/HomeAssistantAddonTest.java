package io.gridwire.app.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gridwire.app.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Home Assistant add-on in packaging/home-assistant: its config.yaml holds together (options
 * against their schema, architectures, ingress, watchdog, MQTT service, build images per
 * architecture), and the options mapped by options-to-config.jq, and by run.sh with the Supervisor's
 * MQTT service, give a configuration {@code gridwire config check} accepts with the intended values.
 */
class HomeAssistantAddonTest {
  static final Path ADDON = Path.of("..", "packaging", "home-assistant").toAbsolutePath().normalize();
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ObjectMapper JSON = new ObjectMapper();
  static final Set<String> HA_ARCHES = Set.of("armhf", "armv7", "aarch64", "amd64", "i386");
  static final String MOSQUITTO = "{\"host\":\"core-mosquitto\",\"port\":1883,\"ssl\":false,\"username\":\"addons\",\"password\":\"s3cret\"}";

  static JsonNode addon() throws IOException {
    return YAML.readTree(ADDON.resolve("config.yaml").toFile());
  }

  @Test
  void configYaml_defaultOptions_conformToSchema() throws Exception {
    JsonNode c = addon();
    assertThat(AddonSchema.check(c.get("schema"), c.get("options"))).isEmpty();
  }

  @Test
  void configYaml_fullOptions_conformToSchemaAndBadOnesRefused() throws Exception {
    JsonNode c = addon();
    assertThat(AddonSchema.check(c.get("schema"), fullOptions())).isEmpty();
    ObjectNode bad = fullOptions();
    bad.put("history_retention_days", 0).put("mqtt_broker_url", "http://x").put("admin_email", "nobody");
    ((ObjectNode) bad.get("modbus_devices").get(0)).put("transport", "udp").put("baud", 300); // host or serial_port: Gridwire's own check (the schema has no either-or)
    assertThat(AddonSchema.check(c.get("schema"), bad)).hasSize(5);
  }

  @Test
  void configYaml_addonKeys_ingressWatchdogMqttAndJavaArches() throws Exception {
    JsonNode c = addon();
    for (String k : List.of("name", "version", "slug", "description", "arch")) assertThat(c.has(k)).as(k).isTrue();
    assertThat(c.get("slug").asText()).matches("[a-z0-9_]+");
    assertThat(c.get("version").asText()).isEqualTo(pomVersion().replace("-SNAPSHOT", ""));
    List<String> arches = new ArrayList<>();
    c.get("arch").forEach(a -> arches.add(a.asText()));
    assertThat(arches).isSubsetOf(HA_ARCHES).contains("amd64", "aarch64").doesNotContain("i386", "armhf");
    assertThat(c.get("ingress").asBoolean()).isTrue();
    assertThat(c.get("ingress_port").asInt()).isEqualTo(8099);
    assertThat(c.get("panel_icon").asText()).startsWith("mdi:");
    assertThat(c.get("watchdog").asText()).isEqualTo("http://[HOST]:[PORT:8099]/health");
    assertThat(c.get("services").toString()).contains("mqtt:want");
    c.get("schema").fields().forEachRemaining(e -> {
      if (e.getValue().isTextual()) assertThat(AddonSchema.knownType(e.getValue().asText())).as(e.getKey()).isTrue();
    });
    JsonNode build = YAML.readTree(ADDON.resolve("build.yaml").toFile()).get("build_from");
    List<String> built = new ArrayList<>();
    build.fieldNames().forEachRemaining(built::add);
    assertThat(built).containsExactlyInAnyOrderElementsOf(arches);
  }

  @Test
  void dockerfile_copiesFilesOfTheFolder_andRunsRunScript() throws Exception {
    String docker = Files.readString(ADDON.resolve("Dockerfile"));
    assertThat(docker).contains("ARG BUILD_FROM", "FROM ${BUILD_FROM}", "openjdk21-jre-headless", "CMD [\"/opt/gridwire/run.sh\"]");
    for (String f : List.of("options-to-config.jq", "run.sh", "DOCS.md", "README.md")) {
      assertThat(ADDON.resolve(f)).as(f).isRegularFile();
    }
    assertThat(Files.isExecutable(ADDON.resolve("run.sh"))).isTrue();
  }

  @Test
  void mapping_defaultOptionsNoService_embeddedBrokerAndDataDir(@TempDir Path dir) throws Exception {
    Path config = map(addon().get("options"), "null", dir);
    String out = check(config, dir);
    assertThat(out).contains("dataDir=/data").contains("port=8099").contains("host=0.0.0.0")
        .contains("brokerUrl=embedded").contains("raw=PT168H");
    JsonNode written = JSON.readTree(config.toFile());
    assertThat(written.at("/mqtt/discovery_prefix").asText()).isEqualTo("homeassistant");
    assertThat(written.at("/mqtt/state_prefix").asText()).isEqualTo("gridwire");
    assertThat(written.at("/mqtt/ha_controls").asBoolean(true)).as("controls are opt-in").isFalse();
  }

  @Test
  void mapping_mosquittoAnnounced_brokerFromService(@TempDir Path dir) throws Exception {
    String out = check(map(addon().get("options"), MOSQUITTO, dir), dir);
    assertThat(out).contains("brokerUrl=mqtt://core-mosquitto:1883").contains("username=addons");
  }

  @Test
  void mapping_fullOptions_brokerUrlWinsAndDevicesMapped(@TempDir Path dir) throws Exception {
    Path config = map(fullOptions(), MOSQUITTO, dir);
    String out = check(config, dir);
    assertThat(JSON.readTree(config.toFile()).at("/mqtt/ha_controls").asBoolean()).as("mqtt_ha_controls").isTrue();
    assertThat(out).contains("brokerUrl=mqtts://broker.lan:8883").contains("username=gw").doesNotContain("core-mosquitto")
        .contains("gen-1").contains("smartgen-hgm9520n").contains("10.0.0.5").contains("rtu-over-tcp")
        .containsPattern("unitId=[^,]*7").contains("PT5S").contains("raw=PT720H");
    assertThat(out).contains("enabled=true, listenHost=0.0.0.0, listenPort=5710, cloudHost=bridge.oigpower.cz");
  }

  @Test
  void mapping_serialDevice_portAndLineSettingsMapped_adapterMappedIn(@TempDir Path dir) throws Exception {
    assertThat(addon().get("uart").asBoolean()).as("uart: serial adapters mapped into the add-on").isTrue();
    ObjectNode o = (ObjectNode) addon().get("options").deepCopy();
    o.set("modbus_devices", JSON.readTree("""
        [{"id": "meter-1", "profile": "smartgen-hgm9520n", "transport": "rtu-serial", "serial_port": "/dev/ttyUSB0",
          "baud": 19200, "parity": "even", "stop_bits": 1, "unit_id": 3}]"""));
    Path config = map(o, "null", dir);
    JsonNode device = JSON.readTree(config.toFile()).at("/modbus/devices/0");
    assertThat(device.has("host")).isFalse();
    assertThat(device.at("/serial_port").asText()).isEqualTo("/dev/ttyUSB0");
    assertThat(device.at("/baud").asInt()).isEqualTo(19200);
    assertThat(device.at("/parity").asText()).isEqualTo("even");
    assertThat(check(config, dir)).contains("meter-1").contains("/dev/ttyUSB0");
  }

  @Test
  void runScript_mosquittoAnnounced_configWrittenPasswordsInEnvironmentHeapApplied(@TempDir Path dir) throws Exception {
    Tools.requireJq();
    Files.writeString(dir.resolve("options.json"), JSON.writeValueAsString(
        ((ObjectNode) addon().get("options").deepCopy()).put("admin_email", "ops@example.com").put("admin_password", "pw-1234567")));
    String out = RunScript.run(ADDON, dir, MOSQUITTO);
    JsonNode written = JSON.readTree(dir.resolve("gridwire.yaml").toFile());
    assertThat(written.at("/mqtt/broker_url").asText()).isEqualTo("mqtt://core-mosquitto:1883");
    assertThat(written.toString()).doesNotContain("s3cret").doesNotContain("pw-1234567");
    assertThat(out).contains("java --enable-native-access=ALL-UNNAMED -Xmx192m")
        .contains("run --config " + dir.resolve("gridwire.yaml"))
        .contains("GRIDWIRE_MQTT_PASSWORD=s3cret").contains("GRIDWIRE_ADMIN_EMAIL=ops@example.com")
        .contains("GRIDWIRE_ADMIN_PASSWORD=pw-1234567").contains("using the broker the Supervisor announces");
    assertThat(check(dir.resolve("gridwire.yaml"), dir)).contains("brokerUrl=mqtt://core-mosquitto:1883");
  }

  @Test
  void runScript_noServiceNoAdmin_embeddedBrokerAndSaysWhereThePasswordIs(@TempDir Path dir) throws Exception {
    Tools.requireJq();
    Files.writeString(dir.resolve("options.json"), JSON.writeValueAsString(addon().get("options")));
    String out = RunScript.run(ADDON, dir, null);
    assertThat(JSON.readTree(dir.resolve("gridwire.yaml").toFile()).at("/mqtt/broker_url").isMissingNode()).isTrue();
    assertThat(out).contains("embedded broker").contains("prints its password once").doesNotContain("GRIDWIRE_ADMIN_EMAIL=");
  }

  static ObjectNode fullOptions() throws IOException {
    ObjectNode o = (ObjectNode) addon().get("options").deepCopy();
    o.put("admin_email", "ops@example.com").put("admin_password", "a-long-password").put("mqtt_broker_url", "mqtts://broker.lan:8883")
        .put("mqtt_username", "gw").put("mqtt_password", "pw").put("history_retention_days", 30).put("oig_enabled", true)
        .put("mqtt_ha_controls", true);
    o.set("modbus_devices", JSON.readTree("""
        [{"id": "gen-1", "name": "Genset 1", "site": "plant-a", "profile": "smartgen-hgm9520n", "host": "10.0.0.5",
          "port": 4196, "unit_id": 7, "transport": "rtu-over-tcp", "interval_seconds": 5}]"""));
    return o;
  }

  /** Runs options-to-config.jq over {@code options}; returns the config file written. */
  static Path map(JsonNode options, String service, Path dir) throws Exception {
    Tools.requireJq();
    Path in = dir.resolve("options.json");
    Files.writeString(in, JSON.writeValueAsString(options));
    Path out = dir.resolve("gridwire.yaml");
    Process p = new ProcessBuilder("jq", "-f", ADDON.resolve("options-to-config.jq").toString(), "--argjson", "mqtt", service,
        in.toString()).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("jq exit").isZero();
    return out;
  }

  /** {@code gridwire config check --config FILE}, in-process; asserts it accepted the file. */
  static String check(Path config, Path dir) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      System.setErr(capture);
      int code = Main.execute("config", "check", "--config", config.toString());
      assertThat(code).as(buf.toString(StandardCharsets.UTF_8)).isZero();
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  static String pomVersion() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    return pom.replaceAll("(?s).*?<parent>.*?<version>([^<]+)</version>.*", "$1");
  }
}
