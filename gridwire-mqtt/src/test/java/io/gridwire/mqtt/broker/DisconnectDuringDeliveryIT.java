package io.gridwire.mqtt.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A QoS 0 subscriber that disconnects while its retained configs still stream in. The bridge
 * acknowledges those deliveries on the client's behalf; an acknowledgement that reached Moquette
 * after the client's DISCONNECT ran on a session Moquette had already closed or cleaned up
 * ({@code Session.pubAckReceived}: a NullPointerException, or an IllegalReferenceCountException
 * releasing the message twice), which ends that session event loop: every client it served then
 * hung. Each check below has a bound; a hang fails the test instead of stalling the build.
 */
class DisconnectDuringDeliveryIT {
  private static final int CONFIGS = 400;
  private static final int QUITTERS = 30;
  /** Clients whose ids spread over Moquette's session loops (one per core). */
  private static final int AFTERWARDS = 8;
  private static final int PAYLOAD_BYTES = 900;

  @Test
  void qos0Subscriber_disconnectsMidDelivery_everyLaterClientStillServed() throws Exception {
    try (EmbeddedBroker broker = new EmbeddedBroker(EmbeddedBrokerConfig.loopback(0)).start()) {
      Mqtt3AsyncClient gateway = RetainedDeliveryIT.connect("gateway", broker.port());
      List<CompletableFuture<?>> acks = new ArrayList<>();
      for (int i = 0; i < CONFIGS; i++) {
        acks.add(gateway.publishWith().topic("homeassistant/sensor/d" + i + "/config").qos(MqttQos.AT_LEAST_ONCE)
            .retain(true).payload(new byte[PAYLOAD_BYTES]).send());
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

      for (int i = 0; i < QUITTERS; i++) subscribeReadSomeAndDisconnect(broker.port(), "quitter-" + i);

      for (int i = 0; i < AFTERWARDS; i++) {
        Set<String> got = ConcurrentHashMap.newKeySet();
        Mqtt3AsyncClient c = RetainedDeliveryIT.connect("after-" + i, broker.port());
        c.subscribeWith().topicFilter("homeassistant/#").qos(MqttQos.AT_MOST_ONCE)
            .callback(p -> got.add(p.getTopic().toString())).send().get(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (got.size() < CONFIGS && System.nanoTime() < deadline) Thread.sleep(10);
        c.disconnect().get(5, TimeUnit.SECONDS);
        assertEquals(CONFIGS, got.size(), "configs delivered to after-" + i);
      }
      gateway.disconnect().get(5, TimeUnit.SECONDS);
    }
  }

  /** Subscribes at QoS 0, reads the first 16 KiB of retained configs, then sends DISCONNECT. */
  private static void subscribeReadSomeAndDisconnect(int port, String clientId) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5_000);
      OutputStream out = s.getOutputStream();
      DataInputStream in = new DataInputStream(s.getInputStream());
      out.write(RawMqtt.connect(clientId));
      out.flush();
      in.readFully(new byte[4]); // CONNACK
      out.write(subscribeQos0("homeassistant/#"));
      out.flush();
      try {
        in.readFully(new byte[16 * 1024]);
      } catch (EOFException e) {
        return; // Moquette dropped this connection early; nothing was delivered to acknowledge
      }
      out.write(new byte[] {(byte) 0xE0, 0}); // DISCONNECT
      out.flush();
    }
  }

  private static byte[] subscribeQos0(String filter) {
    byte[] f = filter.getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[2 + 2 + f.length + 1];
    body[1] = 1; // packet id 1
    body[3] = (byte) f.length;
    System.arraycopy(f, 0, body, 4, f.length);
    return RawMqtt.packet(0x82, body); // last byte 0: QoS 0
  }
}
