package io.gridwire.modbus.command;

import io.gridwire.core.command.Command;
import io.gridwire.core.command.CommandLedger;
import io.gridwire.core.command.CommandRefused;
import io.gridwire.core.command.CommandRequest;
import io.gridwire.core.command.CommandState;
import io.gridwire.modbus.codec.ModbusRequest;
import io.gridwire.modbus.server.ModbusServer;
import io.gridwire.modbus.server.ModbusServer.WriteAnswer;
import io.gridwire.modbus.write.WriteCommand;
import io.gridwire.modbus.write.WriteTarget;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The Modbus server façade's whitelisted writes as {@code modbus_write} commands of the ledger
 * (docs/modbus.md, "Writes through the façade"). The client is answered once the command ended:
 *
 * <pre>
 *  device offline (its last poll read nothing)        → 0x0B, nothing asked of the ledger
 *  more than maxPending writes waiting for the device  → 0x06
 *  the ledger refuses: 429 queue full → 0x06, 400 profile check → 0x03
 *  applied (read back equal)                           → the echo
 *  rejected                                            → the device's own exception code
 *  failed: no answer → 0x0B; echoed but read back differs or failed → 0x04
 *  expired → 0x0B; cancelled → 0x04
 *  not ended within the timeout: still queued (also while it waits in the poll loop) → cancelled, never
 *  written, 0x06; sent → 0x0B (the ledger follows it to its end)
 * </pre>
 *
 * Thread-safe; {@link #write} blocks at most its timeout.
 */
public final class FacadeWrites implements ModbusServer.DeviceWrites {
  private final CommandLedger ledger;
  private final ModbusWrites handler;
  private final Function<String, Optional<WriteTarget>> targets;
  private final int maxPending;
  private final Map<String, AtomicInteger> pending = new ConcurrentHashMap<>();

  /** @param maxPending writes one device may have waiting, all connections together */
  public FacadeWrites(CommandLedger ledger, ModbusWrites handler, Function<String, Optional<WriteTarget>> targets, int maxPending) {
    this.ledger = ledger;
    this.handler = handler;
    this.targets = targets;
    this.maxPending = maxPending;
  }

  @Override
  public WriteAnswer write(String deviceId, ModbusRequest request, String requestedBy, Duration timeout) {
    Optional<WriteTarget> target = targets.apply(deviceId);
    if (target.isEmpty() || !target.get().online()) return new WriteAnswer(ModbusWrites.TARGET_FAILED, "offline");
    AtomicInteger waiting = pending.computeIfAbsent(deviceId, d -> new AtomicInteger());
    if (waiting.incrementAndGet() > maxPending) {
      waiting.decrementAndGet();
      return new WriteAnswer(0x06, "busy");
    }
    try {
      return run(deviceId, new WriteCommand(request), requestedBy, timeout);
    } finally {
      waiting.decrementAndGet();
    }
  }

  private WriteAnswer run(String deviceId, WriteCommand cmd, String by, Duration timeout) {
    Command c;
    try {
      long ttl = Math.max(1, (timeout.toMillis() + 999) / 1000);
      c = ledger.submit(new CommandRequest(deviceId, ModbusWrites.KIND, cmd.target(), cmd.value(), false, by, Duration.ofSeconds(ttl)));
    } catch (CommandRefused e) {
      return switch (e.status()) {
        case 429 -> new WriteAnswer(0x06, "busy");
        case 400 -> new WriteAnswer(0x03, "invalid");
        case 404 -> new WriteAnswer(ModbusWrites.TARGET_FAILED, "offline");
        default -> new WriteAnswer(ModbusWrites.DEVICE_FAILURE, "failed");
      };
    }
    try {
      return answer(ledger.ended(c.id()).get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return late(c, by);
    } catch (ExecutionException e) {
      return new WriteAnswer(ModbusWrites.DEVICE_FAILURE, "failed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return late(c, by);
    }
  }

  /** Not ended in time: a queued write is withdrawn (the client may retry); a sent one is left to the ledger. */
  private WriteAnswer late(Command c, String by) {
    try {
      ledger.cancel(c.id(), by + " (not written within modbus.server.write_timeout)");
      return new WriteAnswer(0x06, "busy");
    } catch (CommandRefused e) {
      Command now = ledger.find(c.id()).orElse(c);
      return now.state().terminal() ? answer(now) : new WriteAnswer(ModbusWrites.TARGET_FAILED, "timeout");
    }
  }

  private WriteAnswer answer(Command end) {
    int code = handler.exceptionCode(end.id()).orElse(ModbusWrites.DEVICE_FAILURE);
    return switch (end.state()) {
      case APPLIED -> WriteAnswer.APPLIED;
      case REJECTED -> new WriteAnswer(code, "rejected");
      case FAILED -> new WriteAnswer(code, code == ModbusWrites.TARGET_FAILED ? "no_answer" : "failed");
      case EXPIRED -> new WriteAnswer(ModbusWrites.TARGET_FAILED, "expired");
      default -> new WriteAnswer(ModbusWrites.DEVICE_FAILURE, end.state() == CommandState.CANCELLED ? "cancelled" : "failed");
    };
  }
}
