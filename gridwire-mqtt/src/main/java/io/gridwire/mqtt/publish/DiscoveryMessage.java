package io.gridwire.mqtt.publish;

/**
 * One retained Home Assistant discovery config.
 *
 * @param topic {@code {discovery}/{component}/{unique_id}/config}
 * @param payload JSON bytes
 */
public record DiscoveryMessage(String topic, byte[] payload) {}
