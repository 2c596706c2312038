package io.gridwire.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.gridwire.core.device.DeviceFilter;
import io.gridwire.core.device.Source;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo with the embedded broker requiring credentials: its MQTT site logs in with the
 * generated account, and a Home Assistant-like subscriber (QoS 0, clean session) gets every
 * retained discovery config.
 */
class DemoIT {
  @TempDir Path dir;

  @Test
  void demo_credentialsRequired_mqttSiteOnlineAndEveryDiscoveryConfigDelivered() throws Exception {
    try (Demo demo = Demo.start(dir.toString(), 0, Map.of())) {
      var gateway = demo.gateway();
      await().atMost(Duration.ofSeconds(30)).until(() -> !gateway.registry()
          .list(new DeviceFilter(null, Source.MQTT, true)).isEmpty());
      var own = gateway.mqttBrokerCredentials();
      Thread.sleep(3_000); // let every device be discovered, then count twice
      int port = gateway.mqttBroker().port();
      int reference = discoveryCount(port, own.username(), own.password(), MqttQos.AT_LEAST_ONCE);
      int first = discoveryCount(port, own.username(), own.password(), MqttQos.AT_MOST_ONCE);
      int second = discoveryCount(port, own.username(), own.password(), MqttQos.AT_MOST_ONCE);
      System.out.println("demo discovery configs delivered: QoS 1 " + reference + ", QoS 0 " + first + ", " + second);
      assertThat(reference).isPositive();
      // devices keep being discovered while the demo runs, so later counts may only grow
      assertThat(first).isGreaterThanOrEqualTo(reference);
      assertThat(second).isGreaterThanOrEqualTo(first);
    }
  }

  /** Retained discovery configs a clean-session subscriber at {@code qos} receives. */
  private static int discoveryCount(int port, String user, String password, MqttQos qos) throws Exception {
    Set<String> topics = ConcurrentHashMap.newKeySet();
    Mqtt3AsyncClient ha = Mqtt3Client.builder().identifier("ha-" + System.nanoTime()).serverHost("127.0.0.1").serverPort(port)
        .simpleAuth().username(user).password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildAsync();
    ha.connectWith().cleanSession(true).send().get(5, TimeUnit.SECONDS);
    ha.subscribeWith().topicFilter("homeassistant/#").qos(qos).callback(p -> {
      if (p.isRetain()) topics.add(p.getTopic().toString());
    }).send().get(5, TimeUnit.SECONDS);
    int last = -1;
    while (last != topics.size()) {
      last = topics.size();
      Thread.sleep(500);
    }
    ha.disconnect().get(5, TimeUnit.SECONDS);
    return topics.size();
  }
}
