package io.gridwire.mqtt.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for the embedded broker dropping clients: Netty 4.2.13's MQTT decoder rejects
 * a packet split inside its variable header across TCP reads, and Moquette's default session
 * queue drops publishes of a burst (see {@link FramingBridge}, {@link EmbeddedBroker}).
 */
class EmbeddedBrokerFramingIT {
  private static final int MESSAGES = 3_000;
  private static final int PAYLOAD_BYTES = 800;

  @Test
  void burstOfRetainedQos1_fromOneClient_noDisconnectAndEveryMessageDelivered() throws Exception {
    try (EmbeddedBroker broker = new EmbeddedBroker(EmbeddedBrokerConfig.loopback(0)).start()) {
      AtomicInteger disconnects = new AtomicInteger();
      Set<String> received = ConcurrentHashMap.newKeySet();
      Mqtt3AsyncClient subscriber = client("burst-sub", broker.port(), disconnects);
      Mqtt3AsyncClient publisher = client("gridwire", broker.port(), disconnects);
      try {
        subscriber.connect().get(5, TimeUnit.SECONDS);
        subscriber.subscribeWith().topicFilter("homeassistant/#").qos(MqttQos.AT_LEAST_ONCE)
            .callback(p -> received.add(p.getTopic().toString())).send().get(5, TimeUnit.SECONDS);
        publisher.connect().get(5, TimeUnit.SECONDS);

        List<CompletableFuture<?>> acks = new ArrayList<>(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
          acks.add(publisher.publishWith().topic(topic(i)).qos(MqttQos.AT_LEAST_ONCE).retain(true)
              .payload(payload(i)).send());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while ((received.size() < MESSAGES || !acks.stream().allMatch(CompletableFuture::isDone))
            && disconnects.get() == 0 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        long unacked = acks.stream().filter(a -> !a.isDone() || a.isCompletedExceptionally()).count();

        assertEquals(0, disconnects.get(), "client disconnects during the burst");
        assertEquals(0, unacked, "publishes without PUBACK");
        assertEquals(MESSAGES, received.size(), "distinct topics the subscriber received");
      } finally {
        publisher.disconnect();
        subscriber.disconnect();
      }
    }
  }

  /** Deterministic: the PUBLISH arrives in two TCP segments, cut inside its topic name. */
  @Test
  void publishSplitInsideTopic_rawClient_acknowledgedAndConnectionKept() throws Exception {
    try (EmbeddedBroker broker = new EmbeddedBroker(EmbeddedBrokerConfig.loopback(0)).start();
        Socket socket = new Socket("127.0.0.1", broker.port())) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      out.write(RawMqtt.connect("split-client"));
      out.flush();
      byte[] connack = new byte[4];
      in.readFully(connack);
      assertArrayEquals(new byte[] {0x20, 2, 0, 0}, connack, "CONNACK");

      for (int id = 1; id <= 3; id++) {
        byte[] publish = RawMqtt.publishQos1Retained("homeassistant/sensor/split/m" + id + "/config", id, payload(id));
        int cut = RawMqtt.fixedHeaderLength(publish) + 12; // inside the topic name
        out.write(publish, 0, cut);
        out.flush();
        Thread.sleep(100); // let the broker read the first part on its own
        out.write(publish, cut, publish.length - cut);
        out.flush();
        byte[] puback = new byte[4];
        in.readFully(puback); // EOFException when the broker closed the connection
        assertArrayEquals(new byte[] {0x40, 2, 0, (byte) id}, puback, "PUBACK " + id);
      }
    }
  }

  private static Mqtt3AsyncClient client(String id, int port, AtomicInteger disconnects) {
    return Mqtt3Client.builder().identifier(id).serverHost("127.0.0.1").serverPort(port)
        .addDisconnectedListener(ctx -> {
          if (ctx.getSource() != com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource.USER) disconnects.incrementAndGet();
        })
        .buildAsync();
  }

  private static String topic(int i) {
    return "homeassistant/sensor/gridwire_site_dev" + (i / 40) + "/metric_" + (i % 40) + "/config";
  }

  private static byte[] payload(int i) {
    StringBuilder s = new StringBuilder("{\"name\":\"metric ").append(i).append("\",\"pad\":\"");
    while (s.length() < PAYLOAD_BYTES - 2) s.append('x');
    return s.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
  }
}
