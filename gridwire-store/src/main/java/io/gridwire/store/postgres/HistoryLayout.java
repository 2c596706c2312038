package io.gridwire.store.postgres;

import java.util.Objects;

/**
 * How raw history is kept on PostgreSQL, decided once at start by {@link TimescaleSetup}.
 *
 * @param hypertable true: {@code history} is a TimescaleDB hypertable; false: a plain table
 * @param reason one sentence for the operator saying why (never null)
 */
public record HistoryLayout(boolean hypertable, String reason) {
  public HistoryLayout {
    Objects.requireNonNull(reason, "reason");
  }

  static HistoryLayout plain(String reason) {
    return new HistoryLayout(false, reason);
  }

  static HistoryLayout hypertable(String reason) {
    return new HistoryLayout(true, reason);
  }

  /** E.g. {@code history in plain PostgreSQL tables (TimescaleDB is not available on this server)}. */
  public String describe() {
    return (hypertable ? "history in a TimescaleDB hypertable" : "history in plain PostgreSQL tables") + " (" + reason + ")";
  }
}
