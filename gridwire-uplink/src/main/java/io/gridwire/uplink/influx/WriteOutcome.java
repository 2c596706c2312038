package io.gridwire.uplink.influx;

/** The result of one batch write. */
public sealed interface WriteOutcome {
  /** Stored (HTTP 204). */
  record Written() implements WriteOutcome {}

  /**
   * The server refused points as malformed (HTTP 400); resending cannot help.
   *
   * @param dropped points the server dropped (from its {@code dropped=N}, else the whole batch)
   */
  record Rejected(int dropped, String detail) implements WriteOutcome {}

  /** The batch is too large (HTTP 413): send smaller ones. */
  record TooLarge() implements WriteOutcome {}

  /** Try again later: unreachable, timeout, 5xx, 401/403/404 (configuration). */
  record Retry(String reason) implements WriteOutcome {}
}
