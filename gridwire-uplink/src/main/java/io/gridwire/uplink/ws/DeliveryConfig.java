package io.gridwire.uplink.ws;

/**
 * How the outbox is drained.
 *
 * @param liveFirst on reconnect, send messages that arrive from now on before the backlog (true:
 *     order holds within the live stream and within the backlog, each message carries its
 *     {@code seq} so a receiver can merge); false: one strict order; default true
 * @param backlogRate backlog messages per second at most (≥ 1); live messages are not throttled;
 *     default 1,000
 * @param maxInFlight (acknowledging brokers) messages sent and not yet acknowledged (≥ 1); default
 *     1,000
 * @param batchSize messages read from the outbox at once (≥ 1); default 500
 */
public record DeliveryConfig(boolean liveFirst, int backlogRate, int maxInFlight, int batchSize) {
  public static final DeliveryConfig DEFAULT = new DeliveryConfig(true, 1_000, 1_000, 500);

  public DeliveryConfig {
    if (backlogRate < 1) throw new IllegalArgumentException("uplink.delivery.backlogRate must be ≥ 1: " + backlogRate);
    if (maxInFlight < 1) throw new IllegalArgumentException("uplink.delivery.maxInFlight must be ≥ 1: " + maxInFlight);
    if (batchSize < 1) throw new IllegalArgumentException("uplink.delivery.batchSize must be ≥ 1: " + batchSize);
  }
}
