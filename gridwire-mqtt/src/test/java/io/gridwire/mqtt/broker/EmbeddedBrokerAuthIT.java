package io.gridwire.mqtt.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The embedded broker with users: who may connect, publish and subscribe, with a real client. */
class EmbeddedBrokerAuthIT {
  private static final String HEARTBEAT = "sito_001/datalogger/adaq/1/heartbeat";
  private static final BrokerUser GATEWAY = BrokerUser.everything("gridwire", "gw-secret-1");
  private static final BrokerUser LOGGER = new BrokerUser("logger", "logger-secret-2",
      List.of("sito_001/datalogger/#"), List.of("sito_001/datalogger/+/+/cmd"));

  @Test
  void connect_anonymous_refused() {
    try (EmbeddedBroker broker = broker()) {
      Mqtt3AsyncClient c = Mqtt3Client.builder().identifier("anon").serverHost("127.0.0.1").serverPort(broker.port()).buildAsync();
      assertThrows(ExecutionException.class, () -> c.connect().get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void connect_wrongPassword_refused() {
    try (EmbeddedBroker broker = broker()) {
      assertThrows(ExecutionException.class, () -> connect(broker, "logger", "not-the-password"));
      assertThrows(ExecutionException.class, () -> connect(broker, "nobody", "logger-secret-2"));
    }
  }

  @Test
  void dataloggerUser_heartbeatUnderItsSite_deliveredElsewhereDropped() throws Exception {
    try (EmbeddedBroker broker = broker()) {
      List<String> seen = new CopyOnWriteArrayList<>();
      Mqtt3AsyncClient gateway = connect(broker, GATEWAY.name(), GATEWAY.password());
      gateway.subscribeWith().topicFilter("#").qos(MqttQos.AT_LEAST_ONCE).callback(p -> seen.add(p.getTopic().toString()))
          .send().get(5, TimeUnit.SECONDS);
      Mqtt3AsyncClient logger = connect(broker, LOGGER.name(), LOGGER.password());
      // QoS 0: Moquette sends no PUBACK for a QoS 1 publish it refuses
      logger.publishWith().topic("other_site/datalogger/adaq/1/heartbeat").qos(MqttQos.AT_MOST_ONCE)
          .payload(bytes("{}")).send().get(5, TimeUnit.SECONDS);
      logger.publishWith().topic(HEARTBEAT).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("{\"uptime\":1}"))
          .send().get(5, TimeUnit.SECONDS);
      awaitSize(seen, 1);
      Thread.sleep(200);
      assertEquals(List.of(HEARTBEAT), seen, "topics the gateway received");
    }
  }

  @Test
  void dataloggerUser_subscribesToEverything_refusedAndReceivesNothing() throws Exception {
    try (EmbeddedBroker broker = broker()) {
      List<String> seen = new CopyOnWriteArrayList<>();
      Mqtt3AsyncClient logger = connect(broker, LOGGER.name(), LOGGER.password());
      assertThrows(ExecutionException.class, () -> logger.subscribeWith().topicFilter("#").qos(MqttQos.AT_MOST_ONCE)
          .callback(p -> seen.add(p.getTopic().toString())).send().get(5, TimeUnit.SECONDS));
      logger.subscribeWith().topicFilter("sito_001/datalogger/adaq/1/cmd").qos(MqttQos.AT_MOST_ONCE)
          .callback(p -> seen.add(p.getTopic().toString())).send().get(5, TimeUnit.SECONDS);
      Mqtt3AsyncClient gateway = connect(broker, GATEWAY.name(), GATEWAY.password());
      gateway.publishWith().topic("homeassistant/sensor/x/config").retain(true).qos(MqttQos.AT_LEAST_ONCE)
          .payload(bytes("{}")).send().get(5, TimeUnit.SECONDS);
      gateway.publishWith().topic("sito_001/datalogger/adaq/1/cmd").qos(MqttQos.AT_LEAST_ONCE)
          .payload(bytes("{}")).send().get(5, TimeUnit.SECONDS);
      awaitSize(seen, 1);
      Thread.sleep(200);
      assertEquals(List.of("sito_001/datalogger/adaq/1/cmd"), seen, "topics the datalogger user received");
      assertTrue(logger.getState().isConnected(), "a refused subscription keeps the connection");
    }
  }

  private static EmbeddedBroker broker() {
    return new EmbeddedBroker(EmbeddedBrokerConfig.loopbackWithUsers(List.of(GATEWAY, LOGGER))).start();
  }

  private static Mqtt3AsyncClient connect(EmbeddedBroker broker, String user, String password) throws Exception {
    Mqtt3AsyncClient c = Mqtt3Client.builder().identifier(user + "-" + System.nanoTime()).serverHost("127.0.0.1")
        .serverPort(broker.port()).simpleAuth().username(user).password(bytes(password)).applySimpleAuth().buildAsync();
    c.connect().get(5, TimeUnit.SECONDS);
    return c;
  }

  private static void awaitSize(List<String> seen, int n) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (seen.size() < n && System.nanoTime() < deadline) Thread.sleep(10);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
