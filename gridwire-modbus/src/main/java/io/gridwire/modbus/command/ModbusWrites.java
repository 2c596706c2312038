package io.gridwire.modbus.command;

import io.gridwire.core.command.Command;
import io.gridwire.core.command.CommandHandler;
import io.gridwire.core.command.CommandLedger;
import io.gridwire.core.command.CommandRefused;
import io.gridwire.core.command.CommandRequest;
import io.gridwire.core.command.CommandState;
import io.gridwire.modbus.codec.Outcome;
import io.gridwire.modbus.write.WriteCommand;
import io.gridwire.modbus.write.WriteNotSent;
import io.gridwire.modbus.write.WriteResult;
import io.gridwire.modbus.write.WriteTarget;
import io.gridwire.modbus.write.WriteValidator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Raw register and coil writes (kind {@code modbus_write}, docs/commands.md), from
 * {@code POST /api/devices/{id}/modbus/write}, {@code POST /api/commands} and the Modbus server
 * façade. Checked against the device's profile, then run one at a time per device, in order:
 *
 * <pre>
 *  queued ─ the device offline? wait (its ttl bounds the wait) ─ expired / cancelled meanwhile? stop
 *     └▶ sent: when the device's poll loop puts it on the wire (ahead of its next block read); one
 *          cancelled or expired while it waited there is dropped unsent
 *          ├▶ rejected: the device answered an exception (its code is the evidence)
 *          ├▶ failed: no answer, or an answer that is not the echo (the write may have acted: the
 *          │          read-back is the evidence)
 *          └▶ acknowledged: the device echoed the write
 *               ├▶ applied: read back at once (FC03 / FC01), every word equals the written one
 *               └▶ failed: the read-back differs or failed (what it showed is the evidence)
 * </pre>
 *
 * A write {@code sent} before a restart is failed after it (it may have acted), never sent again.
 * Thread-safe.
 */
public final class ModbusWrites implements CommandHandler, AutoCloseable {
  public static final String KIND = "modbus_write";
  /** Modbus exception 0x04, server device failure: the write failed or did not hold. */
  public static final int DEVICE_FAILURE = 0x04;
  /** Modbus exception 0x0B, gateway target device failed to respond. */
  public static final int TARGET_FAILED = 0x0B;
  private static final Duration OFFLINE_RECHECK = Duration.ofMillis(250);
  /** Longest wait for the poll loop to run a write and its read-back (each bounded by the device timeout). */
  private static final Duration LOOP_WAIT = Duration.ofSeconds(30);
  private static final int REMEMBERED_CODES = 256;

  private final CommandLedger ledger;
  private final Function<String, Optional<WriteTarget>> targets;
  private final Map<String, ExecutorService> workers = new ConcurrentHashMap<>();
  /** The Modbus exception a façade client gets for a command that did not apply, newest {@link #REMEMBERED_CODES}. */
  private final Map<Long, Integer> codes = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Integer> eldest) {
      return size() > REMEMBERED_CODES;
    }
  };

  public ModbusWrites(CommandLedger ledger, Function<String, Optional<WriteTarget>> targets) {
    this.ledger = ledger;
    this.targets = targets;
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** Parses the target and value, and checks them against the device's profile. */
  @Override
  public CommandRequest validate(CommandRequest r) {
    WriteTarget target = targets.apply(r.deviceId())
        .orElseThrow(() -> new CommandRefused(404, "no Modbus device '" + r.deviceId() + "' is polled here"));
    WriteCommand cmd;
    try {
      cmd = WriteCommand.fromLedger(r.target(), r.value());
      WriteValidator.validate(target.profile(), cmd);
    } catch (IllegalArgumentException e) {
      throw CommandRefused.invalid("modbus_write " + r.target() + " of " + r.deviceId() + ": " + e.getMessage());
    }
    return r.normalised(cmd.target(), cmd.value());
  }

  @Override
  public void queued(Command c) {
    ExecutorService w = workers.computeIfAbsent(c.deviceId(),
        d -> Executors.newSingleThreadExecutor(Thread.ofVirtual().name("modbus-writes-" + d).factory()));
    w.execute(() -> run(c.id()));
  }

  /**
   * The Modbus exception code that says why a command of this kind did not apply: the device's
   * own code when it refused, {@link #TARGET_FAILED} when it did not answer, {@link #DEVICE_FAILURE}
   * when the read-back did not match; empty when unknown (not run here, or long ago).
   */
  public Optional<Integer> exceptionCode(long commandId) {
    synchronized (codes) {
      return Optional.ofNullable(codes.get(commandId));
    }
  }

  private void run(long id) {
    try {
      Optional<Command> ready = awaitOnline(id);
      if (ready.isPresent()) write(ready.get());
    } catch (InterruptedException e) {
      // The gateway is stopping: a queued write is delivered after the restart, a sent one is
      // failed then by the ledger's restart rule (it may have acted).
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      ledger.transition(id, CommandState.FAILED, "", "the write could not be run: " + e.getMessage());
    }
  }

  /** The command once its device is online; empty when it ended meanwhile (expired, cancelled, device removed). */
  private Optional<Command> awaitOnline(long id) throws InterruptedException {
    while (true) {
      ledger.expireDue();
      Optional<Command> c = ledger.find(id).filter(x -> x.state() == CommandState.QUEUED);
      if (c.isEmpty()) return Optional.empty();
      Optional<WriteTarget> t = targets.apply(c.get().deviceId());
      if (t.isEmpty()) {
        remember(id, TARGET_FAILED);
        ledger.transition(id, CommandState.FAILED, "", "the device is no longer polled here");
        return Optional.empty();
      }
      if (t.get().online()) return c;
      Thread.sleep(OFFLINE_RECHECK); // until online, or its ttl expires it
    }
  }

  private void write(Command c) throws InterruptedException {
    WriteTarget target = targets.apply(c.deviceId()).orElseThrow();
    WriteCommand cmd = WriteCommand.fromLedger(c.target(), c.value());
    String sent = "FC" + String.format("%02d", cmd.request().function()) + " " + c.target() + " := [" + c.value() + "]";
    // Marked sent on the poll loop just before it goes on the wire: a command cancelled or expired
    // while it waited there is dropped, never written.
    CompletableFuture<WriteResult> f = target.submit(cmd,
        () -> ledger.transition(c.id(), CommandState.SENT, sent, "written through the device's poll loop") != null);
    Duration wait = Duration.between(java.time.Instant.now(), c.expiresAt()).plus(LOOP_WAIT);
    WriteResult r;
    try {
      r = f.get(Math.max(LOOP_WAIT.toMillis(), wait.toMillis()), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WriteNotSent) return; // it ended meanwhile (cancelled, expired)
      remember(c.id(), TARGET_FAILED);
      ledger.transition(c.id(), CommandState.FAILED, "", "the device's poll loop did not run the write (" + e.getCause().getMessage()
          + "); check the device");
      return;
    } catch (TimeoutException e) {
      remember(c.id(), TARGET_FAILED);
      ledger.transition(c.id(), CommandState.FAILED, "", "the device's poll loop did not run the write in time; check the device");
      return;
    }
    ended(c, r);
  }

  private void ended(Command c, WriteResult r) {
    switch (r.echo()) {
      case Outcome.Refused refused -> {
        remember(c.id(), refused.code());
        ledger.transition(c.id(), CommandState.REJECTED, r.echoEvidence(), "the device refused the write: exception "
            + refused.code() + " (" + refused.describe() + ")");
      }
      case Outcome.Ok ok -> {
        ledger.transition(c.id(), CommandState.ACKNOWLEDGED, r.echoEvidence(), "the device echoed the write");
        if (r.confirmed()) {
          ledger.transition(c.id(), CommandState.APPLIED, r.readBackEvidence(), "read back equals the written values");
        } else {
          remember(c.id(), DEVICE_FAILURE);
          ledger.transition(c.id(), CommandState.FAILED, r.readBackEvidence(), r.back() instanceof Outcome.Ok
              ? "the device echoed the write but holds other values: wrote " + r.written() + ", read back " + r.readBack()
              : "the device echoed the write but the read-back failed (" + r.back().describe() + "); check the device");
        }
      }
      case Outcome.Malformed m -> {
        remember(c.id(), DEVICE_FAILURE);
        ledger.transition(c.id(), CommandState.FAILED, r.echoEvidence() + "; " + r.readBackEvidence(),
            "the device did not echo the write (" + m.reason() + "); it may not hold the value: see the read-back");
      }
      default -> {
        remember(c.id(), TARGET_FAILED);
        ledger.transition(c.id(), CommandState.FAILED, r.echoEvidence() + "; " + r.readBackEvidence(),
            "no answer to the write (" + r.echo().describe() + "); it may have acted: see the read-back");
      }
    }
  }

  private void remember(long id, int code) {
    synchronized (codes) {
      codes.put(id, code);
    }
  }

  /** Stops the workers; queued writes wait for the restart, a sent one is failed then by the ledger's restart rule. */
  @Override
  public void close() {
    workers.values().forEach(ExecutorService::shutdownNow);
  }
}
