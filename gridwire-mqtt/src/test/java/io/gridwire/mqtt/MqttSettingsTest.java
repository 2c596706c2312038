package io.gridwire.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MqttSettingsTest {

  @Test
  void defaults_matchTheSpec() {
    MqttSettings c = MqttSettings.defaults();
    assertThat(c.embedded()).isTrue();
    assertThat(c.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.sweepInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.maxPayloadBytes()).isEqualTo(65_536);
    assertThat(c.discoveryPrefix()).isEqualTo("homeassistant");
    assertThat(c.subscribeQos()).isEqualTo(1);
  }

  @Test
  void build_badValues_nameTheKey() {
    assertThatThrownBy(() -> MqttSettings.builder().sites(List.of("ok", "a/b")).build())
        .hasMessageContaining("mqtt.sites[1]");
    assertThatThrownBy(() -> MqttSettings.builder().heartbeatTimeout(Duration.ZERO).build())
        .hasMessageContaining("mqtt.heartbeatTimeout");
    assertThatThrownBy(() -> MqttSettings.builder().statePrefix("gw/#").build())
        .hasMessageContaining("mqtt.statePrefix");
    assertThatThrownBy(() -> MqttSettings.builder().maxPayloadBytes(1).build())
        .hasMessageContaining("mqtt.maxPayloadBytes out of range");
    assertThatThrownBy(() -> MqttSettings.builder().credentials(null, "secret").build())
        .hasMessageContaining("mqtt.username");
  }

  @Test
  void withBrokerUrl_keepsTheRest() {
    MqttSettings c = MqttSettings.builder().clientId("x").build().withBrokerUrl("mqtt://127.0.0.1:1");
    assertThat(c.clientId()).isEqualTo("x");
    assertThat(c.embedded()).isFalse();
  }
}
