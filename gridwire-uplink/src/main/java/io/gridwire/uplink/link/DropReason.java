package io.gridwire.uplink.link;

import java.util.Locale;

/** Why a message was dropped before delivery. */
public enum DropReason {
  /** The outbox reached its message-count or byte bound; the oldest went. */
  BOUND("outbox count/byte bound reached, oldest dropped"),
  /** The message outlived the outbox age bound. */
  EXPIRED("older than the outbox age bound"),
  /** The bus queue in front of the outbox overflowed (outbox writes too slow). */
  BUS("bus queue in front of the outbox overflowed"),
  /** The receiver rejected the message as malformed; retrying cannot help. */
  REJECTED("rejected by the receiver as malformed"),
  /** The outbox could not store the message (disk full, I/O error). */
  STORE("the outbox could not store it (disk full or I/O error)");

  private final String description;

  DropReason(String description) {
    this.description = description;
  }

  public String describe() {
    return description;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
