package io.gridwire.mqtt.publish;

import io.gridwire.mqtt.client.MqttTransport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records publishes; acknowledges at once, or never while {@link #stalled}. */
final class FakeTransport implements MqttTransport {
  record Sent(String topic, String payload, int qos, boolean retain) {}

  final List<Sent> sent = new CopyOnWriteArrayList<>();
  volatile boolean up = true;
  /** A broker that takes publishes and never acknowledges them. */
  volatile boolean stalled;

  @Override
  public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
    sent.add(new Sent(topic, new String(payload, StandardCharsets.UTF_8), qos, retain));
    return stalled ? new CompletableFuture<>() : CompletableFuture.completedFuture(null);
  }

  @Override
  public boolean connected() {
    return up;
  }

  List<Sent> to(String topic) {
    return sent.stream().filter(s -> s.topic().equals(topic)).toList();
  }

  Sent last(String topic) {
    List<Sent> l = to(topic);
    return l.isEmpty() ? null : l.get(l.size() - 1);
  }
}
