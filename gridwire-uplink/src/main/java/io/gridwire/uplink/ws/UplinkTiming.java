package io.gridwire.uplink.ws;

import io.gridwire.core.retry.Backoff;
import java.time.Duration;

/**
 * Timers of the uplink connection.
 *
 * @param pingInterval WebSocket ping period; default 30 s
 * @param pongTimeout a ping unanswered this long means the broker is down; default 10 s
 * @param connectTimeout TCP + TLS + HTTP upgrade; default 10 s
 * @param authTimeout wait for the broker's answer to the auth message; default 10 s
 * @param ackTimeout (acknowledging brokers) oldest unacknowledged message older than this means
 *     the broker is down; also the bound on one write; default 30 s
 * @param reconnectDelay first reconnect delay, doubled per failure; default 5 s
 * @param reconnectMaxDelay cap of the reconnect delay; default {@link Backoff#PEER_CAP} (10 s)
 */
public record UplinkTiming(Duration pingInterval, Duration pongTimeout, Duration connectTimeout,
    Duration authTimeout, Duration ackTimeout, Duration reconnectDelay, Duration reconnectMaxDelay) {

  public static final UplinkTiming DEFAULT = new UplinkTiming(Duration.ofSeconds(30), Duration.ofSeconds(10),
      Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(5),
      Backoff.PEER_CAP);

  public UplinkTiming {
    positive("uplink.timing.pingInterval", pingInterval);
    positive("uplink.timing.pongTimeout", pongTimeout);
    positive("uplink.timing.connectTimeout", connectTimeout);
    positive("uplink.timing.authTimeout", authTimeout);
    positive("uplink.timing.ackTimeout", ackTimeout);
    positive("uplink.timing.reconnectDelay", reconnectDelay);
    positive("uplink.timing.reconnectMaxDelay", reconnectMaxDelay);
    if (reconnectMaxDelay.compareTo(reconnectDelay) < 0) {
      throw new IllegalArgumentException("uplink.timing.reconnectMaxDelay must be ≥ reconnectDelay: " + reconnectMaxDelay);
    }
  }

  static void positive(String key, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(key + " must be positive: " + d);
  }
}
