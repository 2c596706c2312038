package io.gridwire.core.command;

/**
 * A command the ledger does not accept, with the HTTP status that says why: 400 for an unknown
 * or out-of-range item (the message names the item and the allowed range), 404 for an unknown
 * device or command, 409 for an interlock or a state that no longer allows the action, 429 when
 * the device's queue is full.
 */
public final class CommandRefused extends RuntimeException {
  private final int status;

  public CommandRefused(int status, String message) {
    super(message);
    this.status = status;
  }

  public static CommandRefused invalid(String message) {
    return new CommandRefused(400, message);
  }

  public static CommandRefused conflict(String message) {
    return new CommandRefused(409, message);
  }

  public int status() {
    return status;
  }
}
