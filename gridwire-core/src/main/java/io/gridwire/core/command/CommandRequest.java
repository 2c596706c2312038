package io.gridwire.core.command;

import java.time.Duration;
import java.util.Objects;

/**
 * What someone asks a device to do.
 *
 * @param deviceId the device
 * @param kind the kind of command, which names its {@link CommandHandler}: {@code oig_setting},
 *     {@code genset}, …
 * @param target what is commanded: {@code tbl_box_prms/MODE}, {@code start}, …
 * @param value the new value as text, or null when the command has none (a genset start)
 * @param force an admin overrides an interlock (a genset start while a shutdown alarm is active)
 * @param requestedBy who asked (a user's e-mail, {@code home-assistant}, …)
 * @param ttl how long the command may wait for delivery; null: the ledger's default
 */
public record CommandRequest(String deviceId, String kind, String target, String value, boolean force,
    String requestedBy, Duration ttl) {
  public CommandRequest {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(requestedBy, "requestedBy");
  }

  /** The same request with a normalised target and value (as a handler validated them). */
  public CommandRequest normalised(String newTarget, String newValue) {
    return new CommandRequest(deviceId, kind, newTarget, newValue, force, requestedBy, ttl);
  }
}
