package io.gridwire.core.command;

/**
 * What a connector contributes for one kind of command: the whitelist that checks a request, and
 * the delivery. Implementations are thread-safe.
 *
 * <p>Delivery is either pulled (the OIG box asks for settings when it polls: the connector calls
 * {@link CommandLedger#next}) or pushed ({@link #queued} hands the command to a worker).
 */
public interface CommandHandler {
  /** The kind this handler takes, e.g. {@code oig_setting}. */
  String kind();

  /**
   * Checks a request against the whitelist and the device's state.
   *
   * @return the request with its target and value normalised
   * @throws CommandRefused naming the item and the allowed range, or the interlock
   */
  CommandRequest validate(CommandRequest request);

  /** Called once a command of this kind is queued (also after a restart); pushed kinds start work. */
  default void queued(Command command) {}

  /**
   * Whether a command {@code SENT} but not acknowledged before a restart is sent again. True for
   * an OIG setting (the box acknowledges each one and ignores nothing twice); false for a genset
   * pulse, which may have acted: it becomes {@code FAILED} and the operator checks the device.
   */
  default boolean resendAfterRestart() {
    return false;
  }
}
