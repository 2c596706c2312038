package io.gridwire.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwire.store.PostgresConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private final ConfigLoader loader = new ConfigLoader();
  @TempDir Path dir;

  @Test
  void load_noFile_givesDefaults() {
    GridwireConfig c = loader.load(null, Map.of());
    assertThat(c).isEqualTo(GridwireConfig.defaults());
    assertThat(c.http().port()).isEqualTo(8080);
    assertThat(c.storage().kind()).isEqualTo("sqlite");
    assertThat(c.storage().flushInterval()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void load_yamlOverridesOnlyGivenKeys() throws Exception {
    Path f = write("""
        http:
          port: 9090
        storage:
          flush_interval: 250ms
          retention:
            raw: 3d
        """);
    GridwireConfig c = loader.load(f, Map.of());
    assertThat(c.http().port()).isEqualTo(9090);
    assertThat(c.http().host()).isEqualTo("0.0.0.0");
    assertThat(c.storage().flushInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.storage().retention().raw()).isEqualTo(Duration.ofDays(3));
    assertThat(c.storage().retention().events()).isEqualTo(Duration.ofDays(90));
  }

  @Test
  void load_moduleRecordTypes_enumsByWireNameAndZonesById() throws Exception {
    Path f = write("""
        oig:
          box_zone: UTC
          admission:
            policy: allowlist
            allowlist: [2206237016]
        """);
    GridwireConfig c = loader.load(f, Map.of("GRIDWIRE_MQTT_ADMISSION_POLICY", "pending"));
    assertThat(c.oig().boxZone()).isEqualTo(java.time.ZoneId.of("UTC"));
    assertThat(c.oig().admission().policy()).isEqualTo(io.gridwire.core.admission.AdmissionPolicy.ALLOWLIST);
    assertThat(c.oig().admission().allowlist()).containsExactly("2206237016");
    assertThat(c.mqtt().admission().policy()).isEqualTo(io.gridwire.core.admission.AdmissionPolicy.PENDING);
    assertThatThrownBy(() -> loader.load(write("oig:\n  box_zone: Mars/Olympus\n"), Map.of()))
        .hasMessageStartingWith("configuration error at oig.box_zone: not a time zone: 'Mars/Olympus'");
    assertThatThrownBy(() -> loader.load(write("ws_devices:\n  admission:\n    policy: maybe\n"), Map.of()))
        .hasMessage("configuration error at ws_devices.admission.policy: unknown admission policy 'maybe'"
            + " (expected accept, allowlist or pending)");
  }

  @Test
  void load_envOverridesFileAndResolvesUnderscoreKeys() throws Exception {
    Path f = write("http:\n  port: 9090\n");
    GridwireConfig c = loader.load(f, Map.of(
        "GRIDWIRE_HTTP_PORT", "7070",
        "GRIDWIRE_HTTP_MAX_REQUEST_BYTES", "4096",
        "GRIDWIRE_STORAGE_POSTGRES_PASSWORD", "s3cret-from-env",
        "GRIDWIRE_STORAGE_RETENTION_MINUTE_ROLLUPS", "30d",
        "GRIDWIRE_ADMIN_EMAIL", "ops@example.com",
        "GRIDWIRE_UNRELATED_THING", "ignored",
        "PATH", "/usr/bin"));
    assertThat(c.http().port()).isEqualTo(7070);
    assertThat(c.http().maxRequestBytes()).isEqualTo(4096);
    assertThat(c.storage().postgres().password()).isEqualTo("s3cret-from-env");
    assertThat(c.storage().retention().minuteRollups()).isEqualTo(Duration.ofDays(30));
    assertThat(c.auth().adminEmail()).isEqualTo("ops@example.com");
    assertThat(c.storage().postgres().toString()).doesNotContain("s3cret");
  }

  @Test
  void load_wrongValue_namesKeyPath() throws Exception {
    Path f = write("http:\n  port: 70000\n");
    assertThatThrownBy(() -> loader.load(f, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http")
        .hasMessageContaining("http.port out of range 0..65535: 70000");
  }

  @Test
  void load_unknownKey_namesIt() throws Exception {
    Path f = write("http:\n  prot: 80\n");
    assertThatThrownBy(() -> loader.load(f, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown key 'prot'");
  }

  @Test
  void load_badDuration_saysWhatIsExpected() {
    assertThatThrownBy(() -> loader.load(null, Map.of("GRIDWIRE_STORAGE_FLUSH_INTERVAL", "soon")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("storage.flush_interval")
        .hasMessageContaining("not a duration: 'soon'");
  }

  @Test
  void load_missingFile_saysWhere() {
    assertThatThrownBy(() -> loader.load(dir.resolve("nope.yaml"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("config file not found");
  }

  @Test
  void load_postgresWithoutUrl_isRejected() throws Exception {
    Path f = write("storage:\n  kind: postgres\n  postgres:\n    url: ''\n");
    assertThatThrownBy(() -> loader.load(f, Map.of()))
        .hasMessageContaining("storage.postgres.url is required");
    Path mysql = write("storage:\n  kind: postgres\n  postgres:\n    url: 'jdbc:mysql://x/y'\n");
    assertThatThrownBy(() -> loader.load(mysql, Map.of())).as("refused when loaded, not first by the store at start")
        .hasMessageContaining("storage.postgres.url must be a jdbc:postgresql: URL when storage.kind is postgres: jdbc:mysql://x/y");
    Path tooMany = write("storage:\n  flush_max_values: 5000000\n");
    assertThatThrownBy(() -> loader.load(tooMany, Map.of()))
        .hasMessageContaining("storage.flush_max_values out of range 1..1000000: 5000000");
  }

  @Test
  void load_postgresHistoryOptions_defaultsThenFileThenEnv() throws Exception {
    assertThat(loader.load(null, Map.of()).storage().postgres().asyncCommit()).isFalse();
    assertThat(loader.load(null, Map.of()).storage().postgres().timescale()).isEqualTo("auto");

    Path f = write("storage:\n  postgres:\n    async_commit: true\n    timescale: 'OFF'\n");
    PostgresConfig fromFile = loader.load(f, Map.of()).storage().postgres();
    assertThat(fromFile.asyncCommit()).isTrue();
    assertThat(fromFile.timescale()).isEqualTo("off");

    PostgresConfig fromEnv = loader.load(f, Map.of("GRIDWIRE_STORAGE_POSTGRES_ASYNC_COMMIT", "false",
        "GRIDWIRE_STORAGE_POSTGRES_TIMESCALE", "auto")).storage().postgres();
    assertThat(fromEnv.asyncCommit()).isFalse();
    assertThat(fromEnv.timescale()).isEqualTo("auto");
  }

  @Test
  void load_timescaleNeitherAutoNorOff_isRejectedWithKeyPath() {
    assertThatThrownBy(() -> loader.load(null, Map.of("GRIDWIRE_STORAGE_POSTGRES_TIMESCALE", "yes")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("storage.postgres.timescale must be auto or off: yes");
  }

  @Test
  void load_envSetsAndAppendsListElementsInNumericOrder() throws Exception {
    Map<String, String> env = new java.util.HashMap<>();
    for (int i = 0; i < 12; i++) env.put("GRIDWIRE_UPLINK_MQTT_TOPICS_" + i, "tele/" + i + "/#");
    assertThat(loader.load(null, env).uplink().mqttTopics()).hasSize(12)
        .startsWith("tele/0/#", "tele/1/#", "tele/2/#").endsWith("tele/10/#", "tele/11/#");

    Path f = write("mqtt:\n  sites: [a, b]\n");
    assertThat(loader.load(f, Map.of("GRIDWIRE_MQTT_SITES_1", "c", "GRIDWIRE_MQTT_SITES_2", "d")).mqtt().sites())
        .containsExactly("a", "c", "d");
  }

  @Test
  void load_envListGaps_andWholeLists_areRefusedWithTheFix() {
    assertThatThrownBy(() -> loader.load(null, Map.of("GRIDWIRE_MQTT_SITES_1", "b")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("GRIDWIRE_MQTT_SITES_1 skips list elements: the list has 0, set GRIDWIRE_MQTT_SITES_0 first");
    assertThatThrownBy(() -> loader.load(null, Map.of("GRIDWIRE_UPLINK_MQTT_TOPICS", "tele/#")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("GRIDWIRE_UPLINK_MQTT_TOPICS names a list; set its elements individually: GRIDWIRE_UPLINK_MQTT_TOPICS_0");
  }

  @Test
  void load_envListIndexNotANumberWeCanUse_ignoredLikeAnyUnknownVariable() {
    GridwireConfig c = loader.load(null, Map.of("GRIDWIRE_MQTT_SITES__0", "a", "GRIDWIRE_MQTT_SITES_99999999999", "b"));
    assertThat(c.mqtt().sites()).isEmpty();
    assertThatThrownBy(() -> loader.load(null, Map.of("GRIDWIRE_MQTT_SITES_999999", "b")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("skips list elements");
  }

  @Test
  void load_uplinkMqttTopics_validatedAsTopicFilters_andNeedMqtt() throws Exception {
    Map<String, String> uplink = Map.of("GRIDWIRE_UPLINK_ENABLED", "true", "GRIDWIRE_UPLINK_URL", "ws://127.0.0.1:1/x",
        "GRIDWIRE_UPLINK_CLIENT_ID", "c", "GRIDWIRE_UPLINK_CLIENT_SECRET", "s");
    Path bad = write("uplink:\n  mqtt_topics: ['tele/#', 'tele/#/x']\n");
    assertThatThrownBy(() -> loader.load(bad, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("uplink.mqtt_topics[1] is not an MQTT topic filter ('#' must be a whole level and the last one): 'tele/#/x'");

    Path noMqtt = write("uplink:\n  mqtt_topics: ['tele/+/SENSOR']\n");
    assertThatThrownBy(() -> loader.load(noMqtt, uplink))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("uplink.mqtt_topics is set but mqtt.enabled is false");
    assertThat(loader.load(noMqtt, Map.of()).uplink().mqttTopics()).as("a disabled uplink ignores it")
        .containsExactly("tele/+/SENSOR");

    Map<String, String> noSecret = new java.util.HashMap<>(uplink);
    noSecret.remove("GRIDWIRE_UPLINK_CLIENT_SECRET");
    assertThatThrownBy(() -> loader.load(null, noSecret)).as("refused when loaded, as config check and run do")
        .hasMessage("configuration error at uplink: uplink.client_secret must not be empty (set GRIDWIRE_UPLINK_CLIENT_SECRET)");

    Map<String, String> withMqtt = new java.util.HashMap<>(uplink);
    withMqtt.put("GRIDWIRE_MQTT_ENABLED", "true");
    assertThat(loader.load(noMqtt, withMqtt).uplink().mqttTopics()).containsExactly("tele/+/SENSOR");
  }

  @Test
  void reference_listsEveryKeyWithDefault() {
    var rows = loader.reference();
    assertThat(rows).anySatisfy(r -> {
      assertThat(r[0]).isEqualTo("http.port");
      assertThat(r[1]).isEqualTo("8080");
    });
    assertThat(rows).anySatisfy(r -> {
      assertThat(r[0]).isEqualTo("storage.flush_interval");
      assertThat(r[1]).isEqualTo("1s");
    });
    assertThat(rows).allSatisfy(r -> assertThat(r[2]).as("documented: " + r[0]).isNotBlank());
  }

  private Path write(String yaml) throws Exception {
    Path f = dir.resolve("gridwire.yaml");
    Files.writeString(f, yaml);
    return f;
  }
}
