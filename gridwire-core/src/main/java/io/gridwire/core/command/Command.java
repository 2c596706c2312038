package io.gridwire.core.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One command in the ledger. Immutable: a transition makes a new record ({@link #moveTo}).
 *
 * @param id ledger id, rising; 0 before the store assigned one
 * @param deviceId the device
 * @param kind names the handler: {@code oig_setting}, {@code genset}, …
 * @param target what is commanded ({@code tbl_box_prms/MODE}, {@code start})
 * @param value the new value as text, or null
 * @param force whether an admin overrode an interlock
 * @param requestedBy who asked
 * @param createdAt when it was asked (UTC)
 * @param expiresAt after this instant it is no longer delivered (its time-to-live)
 * @param state the current state
 * @param attempts how many times it was sent to the device (a retry after a lost connection counts)
 * @param detail why it ended, or the latest note; empty while there is none
 * @param steps every state it entered, oldest first, with the device's evidence
 */
public record Command(long id, String deviceId, String kind, String target, String value, boolean force,
    String requestedBy, Instant createdAt, Instant expiresAt, CommandState state, int attempts, String detail,
    List<CommandStep> steps) {
  public Command {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(state, "state");
    detail = detail == null ? "" : detail;
    steps = List.copyOf(steps);
  }

  /** A new command, queued at {@code at}. */
  public static Command queued(CommandRequest r, Instant at, Instant expiresAt) {
    return new Command(0, r.deviceId(), r.kind(), r.target(), r.value(), r.force(), r.requestedBy(), at, expiresAt,
        CommandState.QUEUED, 0, "", List.of(new CommandStep(CommandState.QUEUED, at, "asked by " + r.requestedBy())));
  }

  public Command withId(long newId) {
    return new Command(newId, deviceId, kind, target, value, force, requestedBy, createdAt, expiresAt, state, attempts,
        detail, steps);
  }

  /**
   * This command in state {@code to}, with a step carrying {@code evidence}.
   *
   * @param detail why (kept as {@link #detail}); null keeps the current one
   * @throws IllegalStateException when the state machine does not allow the move
   */
  public Command moveTo(CommandState to, Instant at, String evidence, String detail) {
    if (!state.canMoveTo(to)) {
      throw new IllegalStateException("command " + id + " is " + state.wireName() + ", it cannot become " + to.wireName());
    }
    List<CommandStep> more = new ArrayList<>(steps);
    more.add(new CommandStep(to, at, evidence));
    int tries = to == CommandState.SENT ? attempts + 1 : attempts;
    return new Command(id, deviceId, kind, target, value, force, requestedBy, createdAt, expiresAt, to, tries,
        detail == null ? this.detail : detail, more);
  }

  /** {@code target := value}, or the target alone. */
  public String describe() {
    return kind + " " + target + (value == null ? "" : " := " + value);
  }
}
