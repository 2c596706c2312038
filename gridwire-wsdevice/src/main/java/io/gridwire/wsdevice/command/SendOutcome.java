package io.gridwire.wsdevice.command;

import java.util.Locale;

/** How a command to one device session ended. */
public enum SendOutcome {
  /** Written to the device's socket. */
  DELIVERED,
  /** No node holds that session. */
  NOT_CONNECTED,
  /** The session exists but the write failed or timed out. */
  FAILED,
  /** The node holding the session could not be reached (shared store or node down). */
  UNREACHABLE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SendOutcome fromWire(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
