package io.gridwire.mqtt.client;

/**
 * One message received from the broker.
 *
 * @param topic the topic it was published on
 * @param payload raw payload bytes (not copied; do not modify)
 * @param qos delivery QoS, 0–2
 * @param retained whether the broker replayed it as a retained message
 */
public record InboundMessage(String topic, byte[] payload, int qos, boolean retained) {}
