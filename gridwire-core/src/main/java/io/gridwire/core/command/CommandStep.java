package io.gridwire.core.command;

import java.time.Instant;
import java.util.Objects;

/**
 * One step of a command's path, with the device's own evidence.
 *
 * @param state the state entered
 * @param at when (UTC)
 * @param evidence what proves it: the frame the box sent, the registers read back, the device's
 *     reply, or the operator's sentence; empty when there is none
 */
public record CommandStep(CommandState state, Instant at, String evidence) {
  public CommandStep {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(at, "at");
    evidence = evidence == null ? "" : evidence;
  }
}
