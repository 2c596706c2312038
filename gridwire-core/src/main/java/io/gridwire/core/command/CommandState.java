package io.gridwire.core.command;

import java.util.Locale;
import java.util.Set;

/**
 * Where a command is on its way to a device (docs/commands.md).
 *
 * <pre>
 *   QUEUED ──▶ SENT ──▶ ACKNOWLEDGED ──▶ APPLIED
 *     │  │       │  │        │
 *     │  │       │  └────────┴──▶ REJECTED (the device refused) / FAILED (no confirmation, error)
 *     │  │       └──▶ SENT again (connection lost before the device acknowledged: retried)
 *     │  └──▶ EXPIRED (its time-to-live passed before it was delivered)
 *     └──▶ CANCELLED (an operator withdrew it while queued)
 * </pre>
 */
public enum CommandState {
  QUEUED,
  SENT,
  ACKNOWLEDGED,
  APPLIED,
  REJECTED,
  FAILED,
  EXPIRED,
  CANCELLED;

  /** True once nothing more happens to the command. */
  public boolean terminal() {
    return switch (this) {
      case QUEUED, SENT, ACKNOWLEDGED -> false;
      case APPLIED, REJECTED, FAILED, EXPIRED, CANCELLED -> true;
    };
  }

  /** Whether a command in this state may move to {@code to}. */
  public boolean canMoveTo(CommandState to) {
    Set<CommandState> next = switch (this) {
      case QUEUED -> Set.of(SENT, APPLIED, REJECTED, FAILED, EXPIRED, CANCELLED);
      case SENT -> Set.of(SENT, ACKNOWLEDGED, APPLIED, REJECTED, FAILED, EXPIRED);
      case ACKNOWLEDGED -> Set.of(APPLIED, REJECTED, FAILED);
      case APPLIED, REJECTED, FAILED, EXPIRED, CANCELLED -> Set.of();
    };
    return next.contains(to);
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws IllegalArgumentException naming the allowed states */
  public static CommandState fromWire(String name) {
    for (CommandState s : values()) if (s.wireName().equalsIgnoreCase(name)) return s;
    throw new IllegalArgumentException("unknown command state '" + name
        + "' (expected queued, sent, acknowledged, applied, rejected, failed, expired or cancelled)");
  }
}
