package io.gridwire.uplink.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UplinkSettingsTest {
  @Test
  void of_defaults_specValues() {
    UplinkSettings c = UplinkSettings.of(URI.create("wss://broker.example:8000"), "id", "secret");
    assertThat(c.name()).isEqualTo("cloud");
    assertThat(c.timing().pingInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.timing().reconnectDelay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.delivery().liveFirst()).isTrue();
    assertThat(c.toString()).doesNotContain("secret").contains("clientSecret=***");
  }

  @Test
  void constructor_httpUrl_rejectedWithKey() {
    assertThatThrownBy(() -> UplinkSettings.of(URI.create("http://x"), "id", "s"))
        .hasMessageContaining("uplink.url must be ws:// or wss://");
  }

  @Test
  void constructor_credentialsInUrl_rejected() {
    assertThatThrownBy(() -> UplinkSettings.of(URI.create("ws://u:p@x"), "id", "s"))
        .hasMessageContaining("uplink.url must not carry credentials");
  }

  @Test
  void timing_zeroPing_rejectedWithKey() {
    assertThatThrownBy(() -> new UplinkTiming(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1),
        Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .hasMessageContaining("uplink.timing.pingInterval");
  }

  @Test
  void delivery_zeroRate_rejectedWithKey() {
    assertThatThrownBy(() -> new DeliveryConfig(true, 0, 1, 1)).hasMessageContaining("uplink.delivery.backlogRate");
  }
}
