package io.gridwire.mqtt.client;

import java.util.concurrent.CompletableFuture;

/**
 * The outgoing side of a broker connection, as the publisher needs it. Implementations are
 * thread-safe and never block.
 */
public interface MqttTransport {

  /**
   * Sends one message.
   *
   * @param payload bytes; empty with {@code retain} clears the retained message of the topic
   * @return completes when the broker acknowledged it (QoS ≥ 1) or it was written (QoS 0);
   *     completes exceptionally when the connection failed
   */
  CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain);

  /** Whether the connection is up now. */
  boolean connected();
}
