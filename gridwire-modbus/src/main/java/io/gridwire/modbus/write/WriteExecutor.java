package io.gridwire.modbus.write;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.modbus.client.ModbusTransport;
import io.gridwire.modbus.codec.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sends one write, reads it back, and records both as events ({@code command_sent},
 * {@code command_answered}). Writes are never retried blindly: a write that got no answer may
 * have been applied, so it is reported as failed with whatever the read-back shows. Blocking.
 */
public final class WriteExecutor {
  private final Bus<Event> events;
  private final Clock clock;

  public WriteExecutor(Bus<Event> events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  public WriteResult execute(String deviceId, ModbusTransport transport, int unitId, Duration timeout, WriteCommand cmd) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    List<Integer> written = Arrays.stream(cmd.words()).boxed().toList();
    String what = describe(cmd);
    publish(deviceId, EventType.COMMAND_SENT, what, Map.of("command_id", id, "function", String.valueOf(cmd.request().function()),
        "address", String.valueOf(cmd.request().address()), "values", written.toString()));
    Outcome sent = transport.execute(unitId, cmd.request(), timeout);
    Outcome back = transport.execute(unitId, cmd.readBack(), timeout);
    List<Integer> readBack = back instanceof Outcome.Ok ok ? Arrays.stream(ok.words()).boxed().toList() : List.of();
    WriteResult r = result(id, sent, back, written, readBack);
    publish(deviceId, EventType.COMMAND_ANSWERED, what + ": " + r.status() + " (" + r.detail() + ")",
        Map.of("command_id", id, "status", r.status(), "read_back", readBack.toString()));
    return r;
  }

  private static WriteResult result(String id, Outcome sent, Outcome back, List<Integer> written, List<Integer> readBack) {
    if (sent instanceof Outcome.Refused r) return new WriteResult(id, "refused", r.describe(), written, readBack);
    if (!(sent instanceof Outcome.Ok)) return new WriteResult(id, "failed", sent.describe(), written, readBack);
    if (!(back instanceof Outcome.Ok)) return new WriteResult(id, "unconfirmed", "read back: " + back.describe(), written, readBack);
    boolean same = readBack.subList(0, Math.min(readBack.size(), written.size())).equals(written);
    return same ? new WriteResult(id, "confirmed", "read back equals the written values", written, readBack)
        : new WriteResult(id, "unconfirmed", "read back differs from the written values", written, readBack);
  }

  private static String describe(WriteCommand cmd) {
    return (cmd.coils() ? "write coil(s) " : "write register(s) ") + cmd.request().address() + " = " + Arrays.toString(cmd.words());
  }

  private void publish(String deviceId, EventType type, String msg, Map<String, String> data) {
    if (events != null) events.publish(new Event(clock.instant(), deviceId, type, msg, data));
  }
}
