package io.gridwire.mqtt.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

  @Test
  void delay_firstAttempt_isBetweenHalfAndInitial() {
    assertThat(backoff.delay(1, 0.0)).isEqualTo(Duration.ofMillis(500));
    assertThat(backoff.delay(1, 0.999)).isBetween(Duration.ofMillis(990), Duration.ofSeconds(1));
  }

  @Test
  void delay_doublesPerAttempt() {
    assertThat(backoff.delay(3, 1.0)).isEqualTo(Duration.ofSeconds(4));
    assertThat(backoff.delay(4, 0.0)).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void delay_manyAttempts_isCapped() {
    for (int attempt : new int[] {6, 10, 40, 1000, Integer.MAX_VALUE}) {
      assertThat(backoff.delay(attempt, 1.0)).isEqualTo(Duration.ofSeconds(30));
      assertThat(backoff.delay(attempt, 0.0)).isEqualTo(Duration.ofSeconds(15));
    }
  }

  @Test
  void parse_urls_giveHostPortAndTls() {
    assertThat(BrokerUrl.parse("k", "mqtt://127.0.0.1:1884")).isEqualTo(new BrokerUrl("127.0.0.1", 1884, false));
    assertThat(BrokerUrl.parse("k", "tcp://broker")).isEqualTo(new BrokerUrl("broker", 1883, false));
    assertThat(BrokerUrl.parse("k", "mqtts://broker")).isEqualTo(new BrokerUrl("broker", 8883, true));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BrokerUrl.parse("mqtt.brokerUrl", "http://x"))
        .hasMessageContaining("mqtt.brokerUrl");
  }
}
