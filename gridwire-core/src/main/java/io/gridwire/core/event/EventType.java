package io.gridwire.core.event;

import java.util.Locale;

/** What happened. Stored and streamed like readings (SPEC §2). */
public enum EventType {
  DEVICE_DISCOVERED,
  DEVICE_ONLINE,
  DEVICE_OFFLINE,
  DEVICE_REMOVED,
  CONNECTION_ERROR,
  ALARM_RAISED,
  ALARM_CLEARED,
  COMMAND_SENT,
  COMMAND_ANSWERED,
  /** A ledger command changed state (docs/commands.md): queued, sent, acknowledged, applied, … */
  COMMAND,
  /** A connector changed mode, e.g. an OIG session going offline/forward. */
  MODE_CHANGED,
  /** A setting sent to a device or confirmed by it. */
  SETTING,
  /** Data dropped at a configured bound (bus, outbox): never silent. */
  DATA_DROPPED,
  /** A user signed in, was created, or changed a password. */
  AUDIT,
  /** Anything else worth an operator's attention. */
  NOTICE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static EventType fromWire(String name) {
    for (EventType t : values()) {
      if (t.wireName().equalsIgnoreCase(name)) return t;
    }
    throw new IllegalArgumentException("unknown event type '" + name + "'");
  }
}
