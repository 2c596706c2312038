package io.gridwire.uplink.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UplinkBrokerSimMainTest {
  private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(warnings, true, StandardCharsets.UTF_8);

  @Test
  void clientId_takesTheSecretFromTheEnvironment() {
    BrokerSimConfig c = UplinkBrokerSimMain.config(new String[] {"--port", "9001", "--client-id", "site-7", "--no-acks"},
        Map.of("GRIDWIRE_UPLINK_CLIENT_SECRET", "from-env"), err);
    assertThat(c).isEqualTo(new BrokerSimConfig(9001, "site-7", "from-env", false, 1 << 20));
    assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void secretOption_stillWorks_withAWarning() {
    BrokerSimConfig c = UplinkBrokerSimMain.config(
        new String[] {"--port", "9001", "--client-id", "site-7", "--client-secret", "on-the-line"}, Map.of(), err);
    assertThat(c.clientSecret()).isEqualTo("on-the-line");
    assertThat(warnings.toString(StandardCharsets.UTF_8))
        .contains("--client-secret is visible in ps").contains("GRIDWIRE_UPLINK_CLIENT_SECRET");
  }

  @Test
  void clientIdWithoutSecret_isRefused_noClientIdAcceptsAny() {
    assertThatThrownBy(() -> UplinkBrokerSimMain.config(new String[] {"--client-id", "site-7"}, Map.of(), err))
        .hasMessage("--client-id site-7 needs the accepted secret in GRIDWIRE_UPLINK_CLIENT_SECRET");
    BrokerSimConfig open = UplinkBrokerSimMain.config(new String[] {"--port", "0"},
        Map.of("GRIDWIRE_UPLINK_CLIENT_SECRET", "ignored"), err);
    assertThat(open.clientId()).isNull();
    assertThat(open.clientSecret()).isNull();
    assertThatThrownBy(() -> UplinkBrokerSimMain.config(new String[] {"--port"}, Map.of(), err))
        .hasMessage("--port needs a value");
  }
}
