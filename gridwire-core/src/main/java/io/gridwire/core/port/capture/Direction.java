package io.gridwire.core.port.capture;

/** Which way a captured frame went. */
public enum Direction {
  /** Box → gateway (forwarded to the cloud in forward mode). */
  BOX,
  /** Cloud → box, forwarded. */
  CLOUD,
  /** Gateway → box, answered locally (offline mode, NACK for bad frames). */
  LOCAL,
  /** Gateway → cloud, a backfilled frame. */
  BACKFILL,
  /** Cloud → gateway, the answer to a backfilled frame (not forwarded). */
  BACKFILL_ANSWER;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
