package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.app.config.ConfigLoader;
import io.gridwire.app.config.GridwireConfig;
import io.gridwire.testkit.FreePorts;
import io.gridwire.testkit.RealServices;
import io.gridwire.uplink.sim.BrokerSimConfig;
import io.gridwire.uplink.sim.ReceivedMessage;
import io.gridwire.uplink.sim.UplinkBrokerSim;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code uplink.mqtt_topics} end to end: the gateway subscribes the filters on its MQTT connection
 * (the machine's Mosquitto) and the uplink delivers exactly the matching messages to the broker
 * stand-in, in the seed's JSON shape. Topics are unique per run, so runs never collide.
 */
class GatewayUplinkMqttIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void matchingMqttTopic_reachesTheCloudBrokerRaw_otherTopicDoesNot() throws Exception {
    RealServices.require("Mosquitto", RealServices.MOSQUITTO);
    String run = UUID.randomUUID().toString().substring(0, 8);
    String root = "itup" + run;
    try (UplinkBrokerSim broker = UplinkBrokerSim.start(
        new BrokerSimConfig(FreePorts.next(), "site-7", "s3cret-s3cret", true, 1 << 20))) {
      Path yaml = dir.resolve("gridwire.yaml");
      Files.writeString(yaml, """
          node:
            data_dir: %s
          http:
            host: 127.0.0.1
            port: 0
          mqtt:
            enabled: true
            broker_url: mqtt://127.0.0.1:%d
            client_id: gridwire-it-%s
            sites: [%s-site]
            state_prefix: %s-gw
            discovery_prefix: %s-ha
          uplink:
            enabled: true
            url: %s
            client_id: site-7
            mqtt_topic_prefix: %s-prefix
            mqtt_topics: ['%s/tele/+/SENSOR']
          """.formatted(dir, RealServices.MOSQUITTO, run, root, root, root, broker.url(), root, root));
      GridwireConfig cfg = new ConfigLoader().load(yaml, Map.of("GRIDWIRE_UPLINK_CLIENT_SECRET", "s3cret-s3cret"));

      Instant started = Instant.now();
      try (Gateway g = Gateway.start(cfg, Clock.systemUTC())) {
        await().atMost(Duration.ofSeconds(15)).until(() -> g.mqtt().connection().readyCount() > 0);
        String other = root + "/tele/kitchen/STATE";
        String matching = root + "/tele/kitchen/SENSOR";
        mosquittoPub(other, "{\"POWER\":\"ON\"}");
        mosquittoPub(matching, "{\"Temperature\":21.5,\"Unit\":\"°C\"}");

        await().atMost(Duration.ofSeconds(20)).until(() -> !broker.received().isEmpty());
        // Anything else forwarded (the earlier non-matching message) would have arrived by now.
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
        List<ReceivedMessage> got = broker.received();
        assertThat(got).as("exactly the matching message").hasSize(1);

        JsonNode m = JSON.readTree(got.get(0).raw());
        assertThat(m.get("mqttTopicPrefix").asText()).isEqualTo(root + "-prefix");
        assertThat(m.get("topic").asText()).isEqualTo(matching);
        assertThat(m.get("message").asText()).isEqualTo("{\"Temperature\":21.5,\"Unit\":\"°C\"}");
        assertThat(m.get("userId").asText()).isEqualTo("user-site-7");
        Instant ts = Instant.parse(m.get("timestamp").asText());
        assertThat(ts).isBetween(started, Instant.now());
        assertThat(got.get(0).raw()).doesNotContain("s3cret");
        @SuppressWarnings("unchecked")
        Map<String, Object> forward = (Map<String, Object>) g.mqtt().status().get("forward");
        assertThat(forward).containsEntry("forwarded", 1L);
      }
    }
  }

  /** Debian's mosquitto_pub: an independent client publishing QoS 1 (returns after the PUBACK). */
  private static void mosquittoPub(String topic, String payload) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(RealServices.MOSQUITTO),
        "-q", "1", "-t", topic, "-s").redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(payload.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("mosquitto_pub finished").isTrue();
    assertThat(p.exitValue()).as("mosquitto_pub: " + out).isZero();
  }
}
