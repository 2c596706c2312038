package io.gridwire.mqtt.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Home Assistant subscribes to its discovery prefix at QoS 0 with a clean session and must get
 * every retained config, and again every config the gateway re-publishes when HA announces
 * {@code homeassistant/status = online}, in the same session. Moquette drops a QoS 0 publish whenever its channel is
 * over Netty's write-buffer high-water mark, which a burst of configs always is; the
 * {@link FramingBridge} subscribes at QoS 1 on the client's behalf (see {@link QosShim}).
 */
class RetainedDeliveryIT {
  private static final int CONFIGS = 1_000;
  private static final int ROUNDS = 20;
  private static final int PAYLOAD_BYTES = 900;
  /** A round fails when no config arrived for this long (a lost message never comes). */
  private static final Duration STALL = Duration.ofSeconds(3);

  @Test
  void retainedConfigs_qos0CleanSubscriber_everyConfigEveryRound() throws Exception {
    try (EmbeddedBroker broker = new EmbeddedBroker(EmbeddedBrokerConfig.loopback(0)).start()) {
      Mqtt3AsyncClient gateway = connect("gateway", broker.port());
      publishAll(gateway);
      awaitRetainedStored(broker.port());
      for (int round = 0; round < ROUNDS; round++) {
        Set<String> got = ConcurrentHashMap.newKeySet();
        Mqtt3AsyncClient ha = connect("ha-" + round, broker.port());
        ha.subscribeWith().topicFilter("homeassistant/#").qos(MqttQos.AT_MOST_ONCE)
            .callback(p -> got.add(whole(p))).send().get(5, TimeUnit.SECONDS);
        awaitCount(got, CONFIGS);
        ha.disconnect().get(5, TimeUnit.SECONDS);
        assertEquals(CONFIGS, got.size(), "configs delivered in round " + round + missing(got));
      }
      gateway.disconnect();
    }
  }

  /**
   * A Home Assistant session as its MQTT integration opens it: clean session, one SUBSCRIBE with its
   * two discovery filters ({@code homeassistant/+/+/config} and {@code homeassistant/+/+/+/config})
   * at QoS 0, then the birth message {@code homeassistant/status = online} right after the SUBACK, so
   * the retained replay and the gateway's re-publication overlap. Each re-publication carries a new
   * generation number in its payload: the session must get every config of the retained generation
   * and every config of the re-published one. (Told apart by payload, not by the RETAIN flag:
   * Moquette 0.18.3 sets RETAIN only on the first 10 retained messages of a subscription, those of
   * its in-flight window, and sends the queued rest without it, at every QoS.)
   */
  @Test
  void haSession_twoDiscoveryFiltersThenBirth_everyConfigRetainedAndRepublishedEveryRound() throws Exception {
    try (EmbeddedBroker broker = new EmbeddedBroker(EmbeddedBrokerConfig.loopback(0)).start()) {
      Mqtt3AsyncClient gateway = connect("gateway", broker.port());
      java.util.concurrent.atomic.AtomicInteger generation = new java.util.concurrent.atomic.AtomicInteger();
      publishAll(gateway, 0);
      awaitRetainedStored(broker.port());
      gateway.subscribeWith().topicFilter("homeassistant/status").qos(MqttQos.AT_LEAST_ONCE)
          .callback(p -> CompletableFuture.runAsync(() -> publishAll(gateway, generation.incrementAndGet())))
          .send().get(5, TimeUnit.SECONDS);
      for (int round = 0; round < ROUNDS / 2; round++) {
        int retainedGeneration = generation.get();
        Set<String> retained = ConcurrentHashMap.newKeySet();
        Set<String> republished = ConcurrentHashMap.newKeySet();
        Mqtt3AsyncClient ha = connect("ha-session-" + round, broker.port());
        ha.subscribeWith()
            .addSubscription().topicFilter("homeassistant/+/+/config").qos(MqttQos.AT_MOST_ONCE).applySubscription()
            .addSubscription().topicFilter("homeassistant/+/+/+/config").qos(MqttQos.AT_MOST_ONCE).applySubscription()
            .callback(p -> {
              int gen = generationOf(p.getPayloadAsBytes());
              if (gen == retainedGeneration) retained.add(whole(p));
              else if (gen == retainedGeneration + 1) republished.add(whole(p));
            }).send().get(5, TimeUnit.SECONDS);
        ha.publishWith().topic("homeassistant/status").payload("online".getBytes(StandardCharsets.UTF_8))
            .qos(MqttQos.AT_MOST_ONCE).send().get(5, TimeUnit.SECONDS);
        awaitCount(retained, CONFIGS);
        awaitCount(republished, CONFIGS);
        ha.disconnect().get(5, TimeUnit.SECONDS);
        assertEquals(CONFIGS, retained.size(), "retained configs in round " + round + missing(retained));
        assertEquals(CONFIGS, republished.size(), "re-published configs after the birth message in round " + round
            + missing(republished));
      }
      gateway.disconnect();
    }
  }

  /**
   * Which topics did not come (at most ten) and any broken payloads: a failure names them (CI once
   * saw 999 of 1,000 for the MQTT 5 client, and a count alone told nothing about which or why).
   */
  private static String missing(Set<String> got) {
    List<String> absent = new ArrayList<>();
    for (int i = 0; i < CONFIGS && absent.size() < 10; i++) if (!got.contains(topic(i))) absent.add(i + ":" + topic(i));
    List<String> broken = got.stream().filter(t -> t.startsWith("broken:")).limit(10).toList();
    return "; missing " + absent + (broken.isEmpty() ? "" : "; broken " + broken);
  }

  private static int generationOf(byte[] payload) {
    String s = new String(payload, StandardCharsets.US_ASCII);
    int at = s.indexOf("\"gen\":");
    return at < 0 ? -1 : Integer.parseInt(s.substring(at + 6, at + 12));
  }

  @Test
  void retainedConfigs_mqtt5Qos0Subscriber_everyConfig() throws Exception {
    try (EmbeddedBroker broker = new EmbeddedBroker(EmbeddedBrokerConfig.loopback(0)).start()) {
      Mqtt3AsyncClient gateway = connect("gateway", broker.port());
      publishAll(gateway);
      awaitRetainedStored(broker.port());
      Set<String> got = ConcurrentHashMap.newKeySet();
      Mqtt5AsyncClient ha = Mqtt5Client.builder().identifier("ha5").serverHost("127.0.0.1").serverPort(broker.port()).buildAsync();
      ha.connectWith().cleanStart(true).send().get(5, TimeUnit.SECONDS);
      ha.subscribeWith().topicFilter("homeassistant/#").qos(MqttQos.AT_MOST_ONCE)
          .callback(p -> got.add(p.getTopic().toString())).send().get(5, TimeUnit.SECONDS);
      awaitCount(got, CONFIGS);
      ha.disconnect().get(5, TimeUnit.SECONDS);
      assertEquals(CONFIGS, got.size(), "configs delivered to an MQTT 5 client" + missing(got));
      gateway.disconnect();
    }
  }

  private static void publishAll(Mqtt3AsyncClient gateway) {
    publishAll(gateway, 0);
  }

  private static void publishAll(Mqtt3AsyncClient gateway, int generation) {
    List<CompletableFuture<?>> acks = new ArrayList<>(CONFIGS);
    for (int i = 0; i < CONFIGS; i++) {
      acks.add(gateway.publishWith().topic(topic(i)).qos(MqttQos.AT_LEAST_ONCE).retain(true)
          .payload(payload(i, generation)).send());
    }
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
  }

  /**
   * Waits until the broker holds the last config as retained. Moquette 0.18.3 acknowledges a QoS 1
   * PUBLISH before it stores the retained copy ({@code PostOffice.receivedPublishQos1}: PUBACK, then
   * {@code manageRetain}), so a subscriber arriving right after the last PUBACK can see a retained set
   * that lacks the newest configs (CI once saw 998 of 1,000). One publisher's messages are stored in
   * order on its session loop, so once the last one is retained, all are.
   */
  private static void awaitRetainedStored(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (int probe = 0; System.nanoTime() < deadline; probe++) {
      CompletableFuture<Boolean> seen = new CompletableFuture<>();
      Mqtt3AsyncClient c = connect("retained-probe-" + probe, port);
      c.subscribeWith().topicFilter(topic(CONFIGS - 1)).qos(MqttQos.AT_MOST_ONCE)
          .callback(p -> seen.complete(true)).send().get(5, TimeUnit.SECONDS);
      boolean stored;
      try {
        stored = seen.get(200, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        stored = false;
      }
      c.disconnect().get(5, TimeUnit.SECONDS);
      if (stored) return;
    }
    throw new AssertionError("the broker never stored the last retained config");
  }

  /** Waits for {@code expected} entries, or until none came for {@link #STALL} (a slow machine only delays). */
  private static void awaitCount(Set<String> got, int expected) throws InterruptedException {
    int seen = -1;
    long lastProgress = System.nanoTime();
    while (got.size() < expected && System.nanoTime() - lastProgress < STALL.toNanos()) {
      if (got.size() != seen) {
        seen = got.size();
        lastProgress = System.nanoTime();
      }
      Thread.sleep(10);
    }
    Thread.sleep(50); // a late duplicate or extra would show too
  }

  /** The topic, when the payload arrived whole (a released buffer would not). */
  private static String whole(com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish p) {
    return p.getPayloadAsBytes().length == PAYLOAD_BYTES ? p.getTopic().toString() : "broken:" + p.getTopic();
  }

  static Mqtt3AsyncClient connect(String id, int port) throws Exception {
    Mqtt3AsyncClient c = Mqtt3Client.builder().identifier(id).serverHost("127.0.0.1").serverPort(port).buildAsync();
    c.connectWith().cleanSession(true).send().get(5, TimeUnit.SECONDS);
    return c;
  }

  /** Half with a node id level (matched by {@code +/+/+/config}), half without (Gridwire's own form). */
  private static String topic(int i) {
    return i % 2 == 0 ? "homeassistant/sensor/gridwire_dev" + (i / 50) + "/metric_" + (i % 50) + "/config"
        : "homeassistant/sensor/gridwire_dev" + (i / 50) + "_metric_" + (i % 50) + "/config";
  }

  private static byte[] payload(int i, int generation) {
    StringBuilder s = new StringBuilder(String.format(java.util.Locale.ROOT, "{\"gen\":%06d,", generation))
        .append("\"name\":\"metric ").append(i).append("\",\"pad\":\"");
    while (s.length() < PAYLOAD_BYTES - 2) s.append('x');
    return s.append("\"}").toString().getBytes(StandardCharsets.US_ASCII);
  }
}
