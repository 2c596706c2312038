package io.gridwire.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwire.mqtt.broker.BrokerCredentials;
import io.gridwire.mqtt.sim.SimSiteConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code simulate mqtt-site} logs in to the embedded broker. */
class SimCredentialsTest {
  private static final SimSiteConfig SITE = SimSiteConfig.of("mqtt://127.0.0.1:1883");
  @TempDir Path dir;

  @Test
  void apply_credentialsFileNextToGateway_usesIt() {
    BrokerCredentials own = BrokerCredentials.loadOrCreate(dir.resolve(BrokerCredentials.FILE_NAME));
    SimSiteConfig c = SimCredentials.apply(SITE, null, dir.resolve(BrokerCredentials.FILE_NAME).toString(), Map.of());
    assertThat(c.username()).isEqualTo("gridwire");
    assertThat(c.password()).isEqualTo(own.password());
  }

  @Test
  void apply_usernameWithPasswordEnv_usesThem() {
    SimSiteConfig c = SimCredentials.apply(SITE, "logger", "/nonexistent", Map.of("GRIDWIRE_MQTT_PASSWORD", "pw"));
    assertThat(c.username()).isEqualTo("logger");
    assertThat(c.password()).isEqualTo("pw");
  }

  @Test
  void apply_usernameWithoutPasswordEnv_failsNamingTheVariable() {
    assertThatThrownBy(() -> SimCredentials.apply(SITE, "logger", null, Map.of()))
        .hasMessageContaining("GRIDWIRE_MQTT_PASSWORD");
  }

  @Test
  void apply_noUsernameNoFile_anonymous() {
    assertThat(SimCredentials.apply(SITE, null, dir.resolve("missing").toString(), Map.of()).username()).isNull();
  }
}
