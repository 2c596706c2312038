package io.gridwire.oig.proxy;

import java.time.Instant;

/**
 * A snapshot of one box session for the API.
 *
 * @param id connection id
 * @param remote box address
 * @param deviceId box id once known, else null
 * @param mode current mode
 * @param opened accept time
 * @param lastFrame time of the last box frame, or null
 * @param boxFrames frames received from the box
 * @param forwarded frames answered by the cloud
 * @param answeredLocally frames answered by the gateway
 * @param backfilled backfilled frames this session delivered
 * @param modeChanges transitions so far
 */
public record SessionInfo(long id, String remote, String deviceId, SessionMode mode, Instant opened, Instant lastFrame,
    long boxFrames, long forwarded, long answeredLocally, long backfilled, long modeChanges) {}
