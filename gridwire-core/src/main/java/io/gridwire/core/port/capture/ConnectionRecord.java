package io.gridwire.core.port.capture;

import java.time.Instant;

/**
 * One box connection.
 *
 * @param id session id, rising
 * @param remote box address {@code ip:port}
 * @param deviceId box id once a frame named it, else null
 * @param opened accept time
 * @param closed close time, or null while open
 * @param frames box frames received
 * @param closeReason why it ended, or null while open
 */
public record ConnectionRecord(long id, String remote, String deviceId, Instant opened, Instant closed, long frames,
    String closeReason) {

  /** Duration in seconds up to {@code closed} (or {@code now} while open). */
  public double durationSeconds(Instant now) {
    return java.time.Duration.between(opened, closed == null ? now : closed).toMillis() / 1000.0;
  }
}
