package io.gridwire.modbus.command;

import io.gridwire.core.command.Command;
import io.gridwire.core.command.CommandLedger;
import io.gridwire.core.command.CommandState;
import io.gridwire.modbus.codec.ModbusRequest;
import io.gridwire.modbus.profile.CommandDef;
import io.gridwire.modbus.profile.DeviceCommands;
import io.gridwire.modbus.write.WriteCommand;
import io.gridwire.modbus.write.WriteResult;
import io.gridwire.modbus.write.WriteTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * One genset command on its device's worker thread:
 *
 * <pre>
 *  queued ─ expired / cancelled meanwhile? stop ─ interlock now? rejected
 *     └▶ sent: each coil OFF ─ off_ms ─ ON ─ on_ms ─ OFF (through the poll loop: never two requests at once)
 *          └▶ acknowledged: every write echoed (a refused or unanswered write: failed, with the reason)
 *               └▶ applied: the status registers, read after the pulse, show applied_when
 *                  failed: they did not within confirm_timeout_s; the detail says what they showed
 * </pre>
 */
final class PulseRun {
  private static final Duration WRITE_WAIT = Duration.ofSeconds(15);
  private static final Duration CONFIRM_POLL = Duration.ofMillis(100);

  private final CommandLedger ledger;
  private final Clock clock;
  private final StatusView status;
  private final GensetCommands owner;

  PulseRun(CommandLedger ledger, Clock clock, StatusView status, GensetCommands owner) {
    this.ledger = ledger;
    this.clock = clock;
    this.status = status;
    this.owner = owner;
  }

  void run(long id) {
    ledger.expireDue();
    Optional<Command> found = ledger.find(id).filter(c -> c.state() == CommandState.QUEUED);
    if (found.isEmpty()) return; // cancelled or expired while it waited
    Command c = found.get();
    DeviceCommands commands = owner.commandsOf(c.deviceId());
    CommandDef def = commands.find(c.target()).orElse(null);
    Optional<WriteTarget> target = owner.target(c.deviceId());
    if (def == null || target.isEmpty()) {
      ledger.transition(id, CommandState.FAILED, "", "the device or its command is no longer configured");
      return;
    }
    String refusal = owner.interlock(c.deviceId(), def);
    if (refusal != null && !(def.forceable() && c.force())) {
      ledger.transition(id, CommandState.REJECTED, status.describe(c.deviceId(), def.refuseWhen().keySet()), refusal);
      return;
    }
    Instant pulsed = clock.instant();
    ledger.transition(id, CommandState.SENT, "coils " + def.coils() + ": OFF, " + commands.pulseOff().toMillis() + " ms, ON, "
        + commands.pulseOn().toMillis() + " ms, OFF", refusal == null ? "pulsing" : "forced by " + c.requestedBy() + " past " + refusal);
    String echo;
    try {
      echo = pulse(target.get(), def, commands);
    } catch (PulseFailed e) {
      ledger.transition(id, CommandState.FAILED, e.evidence, e.getMessage());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ledger.transition(id, CommandState.FAILED, "", "the gateway stopped during the pulse; check the device");
      return;
    }
    ledger.transition(id, CommandState.ACKNOWLEDGED, echo, "the controller echoed every coil write");
    confirm(c, def, commands.confirmTimeout(), pulsed);
  }

  private String pulse(WriteTarget t, CommandDef def, DeviceCommands commands) throws PulseFailed, InterruptedException {
    StringJoiner echo = new StringJoiner("; ");
    for (int coil : def.coils()) {
      write(t, coil, false, echo);
      sleep(commands.pulseOff());
      write(t, coil, true, echo);
      sleep(commands.pulseOn());
      write(t, coil, false, echo);
    }
    return echo.toString();
  }

  private void write(WriteTarget t, int coil, boolean on, StringJoiner echo) throws PulseFailed, InterruptedException {
    WriteResult r;
    try {
      r = t.submit(new WriteCommand(new ModbusRequest.WriteCoil(coil, on))).get(WRITE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new PulseFailed("coil " + coil + (on ? " ON" : " OFF") + " was not written: " + e.getMessage(), echo.toString());
    }
    String line = "FC05 coil " + coil + "=" + (on ? "ON" : "OFF") + ": " + r.status() + " (" + r.detail() + ")";
    echo.add(line);
    if (r.status().equals("refused") || r.status().equals("failed")) {
      throw new PulseFailed("coil " + coil + " write " + r.status() + ": " + r.detail(), echo.toString());
    }
  }

  private void confirm(Command c, CommandDef def, Duration timeout, Instant since) {
    if (def.appliedWhen().isEmpty()) {
      ledger.transition(c.id(), CommandState.APPLIED, "", "the controller confirms " + def.name() + " only by its write echo");
      return;
    }
    Instant deadline = clock.instant().plus(timeout);
    while (clock.instant().isBefore(deadline)) {
      if (status.holds(c.deviceId(), def.appliedWhen(), since)) {
        ledger.transition(c.id(), CommandState.APPLIED, status.describe(c.deviceId(), def.appliedWhen().keySet()),
            "the status registers confirm " + def.name());
        return;
      }
      try {
        sleep(CONFIRM_POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    String seen = status.describe(c.deviceId(), def.appliedWhen().keySet());
    ledger.transition(c.id(), CommandState.FAILED, seen, "not confirmed within " + timeout.toSeconds() + " s: expected "
        + def.appliedWhen() + ", the status registers show " + seen);
  }

  private static void sleep(Duration d) throws InterruptedException {
    if (!d.isZero()) Thread.sleep(d);
  }

  /** A coil write that was refused or not answered. */
  private static final class PulseFailed extends Exception {
    final String evidence;

    PulseFailed(String message, String evidence) {
      super(message);
      this.evidence = evidence;
    }
  }
}
