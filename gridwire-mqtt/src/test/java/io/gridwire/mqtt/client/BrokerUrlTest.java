package io.gridwire.mqtt.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BrokerUrlTest {
  @Test
  void parse_urls_giveHostPortAndTls() {
    assertThat(BrokerUrl.parse("k", "mqtt://127.0.0.1:1884")).isEqualTo(new BrokerUrl("127.0.0.1", 1884, false));
    assertThat(BrokerUrl.parse("k", "tcp://broker")).isEqualTo(new BrokerUrl("broker", 1883, false));
    assertThat(BrokerUrl.parse("k", "mqtts://broker")).isEqualTo(new BrokerUrl("broker", 8883, true));
    assertThatThrownBy(() -> BrokerUrl.parse("mqtt.brokerUrl", "http://x"))
        .hasMessageContaining("mqtt.brokerUrl");
  }
}
