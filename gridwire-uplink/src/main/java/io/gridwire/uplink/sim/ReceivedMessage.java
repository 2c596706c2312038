package io.gridwire.uplink.sim;

/**
 * A data message as the stand-in recorded it.
 *
 * @param connection number of the connection it came on (1-based)
 * @param id the message id (dedupe key)
 * @param seq outbox sequence number
 * @param topic MQTT-style topic
 * @param message payload text
 * @param userId user id the message carries
 * @param timestamp queue time as sent
 * @param raw the whole frame text
 */
public record ReceivedMessage(int connection, String id, long seq, String topic, String message, String userId,
    String timestamp, String raw) {}
