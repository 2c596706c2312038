package io.gridwire.uplink.link;

import java.time.Duration;
import java.time.Instant;

/**
 * The dashboard-ready state of one outbound link ({@code GET /api/links}).
 *
 * @param name link name, unique in the gateway ({@code cloud}, {@code influx})
 * @param kind {@code websocket} or {@code influxdb}
 * @param target where it sends (URL without credentials)
 * @param connected whether the last attempt to reach the target succeeded and the link is up
 * @param backlog messages waiting in the outbox
 * @param backlogBytes approximate bytes waiting
 * @param backlogAge age of the oldest waiting message ({@code PT0S} when empty)
 * @param sent messages delivered since start
 * @param dropped messages dropped since start (outbox bound, age, or bus overflow)
 * @param lastError the last failure, or null
 * @param lastErrorAt when it happened, or null
 */
public record LinkStatus(String name, String kind, String target, boolean connected, long backlog,
    long backlogBytes, Duration backlogAge, long sent, long dropped, String lastError, Instant lastErrorAt) {}
