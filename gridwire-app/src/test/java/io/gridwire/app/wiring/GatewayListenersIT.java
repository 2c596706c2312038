package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.app.config.ConfigLoader;
import io.gridwire.app.config.GridwireConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listeners as configured: the start-up line names each one with its address and auth, and the
 * embedded broker refuses anonymous clients but lets the gateway's own account in (checked with
 * Debian's mosquitto_pub / mosquitto_sub).
 */
class GatewayListenersIT {
  @TempDir Path dir;

  private GridwireConfig config(boolean oig) throws Exception {
    return new ConfigLoader().load(null, Map.ofEntries(
        Map.entry("GRIDWIRE_NODE_DATA_DIR", dir.toString()),
        Map.entry("GRIDWIRE_HTTP_HOST", "127.0.0.1"),
        Map.entry("GRIDWIRE_HTTP_PORT", "0"),
        Map.entry("GRIDWIRE_AUTH_BCRYPT_COST", "4"),
        Map.entry("GRIDWIRE_MQTT_ENABLED", "true"),
        Map.entry("GRIDWIRE_MQTT_EMBEDDED_PORT", "0"),
        Map.entry("GRIDWIRE_OIG_ENABLED", Boolean.toString(oig)),
        Map.entry("GRIDWIRE_OIG_LISTEN_HOST", "127.0.0.1"),
        Map.entry("GRIDWIRE_OIG_LISTEN_PORT", "0"),
        Map.entry("GRIDWIRE_OIG_CLOUD_HOST", "127.0.0.1"),
        Map.entry("GRIDWIRE_OIG_CLOUD_PORT", "9")));
  }

  @Test
  void listeners_everyListenerEnabled_eachNamedWithAddressAndAuth() throws Exception {
    try (Gateway g = Gateway.start(config(true), Clock.systemUTC())) {
      assertThat(g.listeners())
          .contains("http 127.0.0.1:" + g.httpPort() + " (bearer token; /health")
          .contains("oig 127.0.0.1:" + g.oig().port() + " (no auth: box protocol)")
          .contains("mqtt 127.0.0.1:" + g.mqttBroker().port() + " (password, 1 user, ACL)");
    }
  }

  @Test
  void listeners_oigOff_notListed() throws Exception {
    try (Gateway g = Gateway.start(config(false), Clock.systemUTC())) {
      assertThat(g.listeners()).startsWith("http 127.0.0.1:").doesNotContain("oig").contains("mqtt 127.0.0.1:");
    }
  }

  @Test
  void embeddedBroker_default_anonymousRefusedOwnAccountAccepted() throws Exception {
    try (Gateway g = Gateway.start(config(false), Clock.systemUTC())) {
      String port = Integer.toString(g.mqttBroker().port());
      var own = g.mqttBrokerCredentials();
      assertThat(own.file()).isEqualTo(dir.resolve("mqtt-broker.credentials"));
      Result anonymous = run("mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-t", "x/datalogger/a/1/heartbeat", "-m", "{}");
      assertThat(anonymous.exit()).as(anonymous.output()).isNotZero();
      Result wrong = run("mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-u", own.username(), "-P", "wrong", "-t", "x", "-m", "{}");
      assertThat(wrong.exit()).as(wrong.output()).isNotZero();
      Result ok = run("mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-u", own.username(), "-P", own.password(),
          "-t", "x", "-m", "{}");
      assertThat(ok.exit()).as(ok.output()).isZero();
    }
  }

  private record Result(int exit, String output) {}

  private static Result run(String... cmd) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(new ArrayList<>(List.of(cmd))).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + cmd[0] + " (apt-get install -y mosquitto-clients)", e);
    }
  }
}
