package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwire.app.config.ConfigLoader;
import io.gridwire.app.config.GridwireConfig;
import io.gridwire.mqtt.broker.BrokerCredentials;
import io.gridwire.mqtt.broker.BrokerUser;
import io.gridwire.mqtt.broker.EmbeddedBrokerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mqtt.embedded_* from YAML to the embedded broker's users, and the generated own account. */
class EmbeddedBrokerConfigTest {
  @TempDir Path dir;

  private GridwireConfig load(String mqtt) throws Exception {
    Path f = dir.resolve("gridwire.yaml");
    Files.writeString(f, "mqtt:\n" + mqtt);
    return new ConfigLoader().load(f, Map.of());
  }

  @Test
  void embeddedBroker_defaults_loopbackPasswordOnlyOwnAccount() throws Exception {
    BrokerCredentials own = BrokerCredentials.loadOrCreate(dir.resolve("creds"));
    EmbeddedBrokerConfig b = load("  enabled: true\n").mqtt().embeddedBroker(own, Map.of());
    assertThat(b.host()).isEqualTo("127.0.0.1");
    assertThat(b.allowAnonymous()).isFalse();
    assertThat(b.users()).containsExactly(BrokerUser.gateway("gridwire", own.password(), java.util.List.of("gridwire")));
  }

  @Test
  void embeddedBroker_userWithPasswordEnv_mappedWithItsAcl() throws Exception {
    GridwireConfig c = load("""
          embedded_users:
            - {name: logger, password_env: LOGGER_PW, publish: ['s1/datalogger/#'], subscribe: []}
        """);
    BrokerCredentials own = BrokerCredentials.loadOrCreate(dir.resolve("creds"));
    EmbeddedBrokerConfig b = c.mqtt().embeddedBroker(own, Map.of("LOGGER_PW", "s3cret"));
    assertThat(b.users()).contains(new BrokerUser("logger", "s3cret", List.of("s1/datalogger/#"), List.of()));
  }

  @Test
  void embeddedBroker_passwordEnvUnset_failsWithKeyPath() throws Exception {
    GridwireConfig c = load("""
          embedded_users:
            - {name: logger, password_env: LOGGER_PW, publish: ['s1/datalogger/#']}
        """);
    BrokerCredentials own = BrokerCredentials.loadOrCreate(dir.resolve("creds"));
    assertThatThrownBy(() -> c.mqtt().embeddedBroker(own, Map.of()))
        .hasMessageContaining("mqtt.embedded_users[0].password_env").hasMessageContaining("LOGGER_PW");
  }

  @Test
  void credentials_firstStart_generatedOwnerOnlyThenReused() throws Exception {
    Path file = dir.resolve("data").resolve(BrokerCredentials.FILE_NAME);
    BrokerCredentials first = BrokerCredentials.loadOrCreate(file);
    BrokerCredentials again = BrokerCredentials.loadOrCreate(file);
    assertThat(first.created()).isTrue();
    assertThat(first.password()).hasSizeGreaterThanOrEqualTo(20);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(again.created()).isFalse();
    assertThat(again.password()).isEqualTo(first.password());
  }
}
