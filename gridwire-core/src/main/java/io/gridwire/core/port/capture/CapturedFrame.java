package io.gridwire.core.port.capture;

import java.time.Instant;

/**
 * One frame as captured.
 *
 * @param connectionId the box connection (session) id
 * @param direction which way it went
 * @param time when the gateway saw it
 * @param deviceId the box's {@code ID_Device} when known, else null
 * @param table {@code TblName}, or the {@code Result} of polls/answers, or null
 * @param kind the frame kind's wire name ({@code table}, {@code poll}, {@code ack_get_actual}, …)
 * @param mode session mode at that moment ({@code forward}/{@code offline})
 * @param raw frame text without the CR LF terminator
 */
public record CapturedFrame(long connectionId, Direction direction, Instant time, String deviceId, String table,
    String kind, String mode, String raw) {}
