package io.gridwire.modbus.write;

import io.gridwire.modbus.client.ModbusTransport;
import io.gridwire.modbus.codec.Outcome;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Sends one write and reads it back at once, on the device's poll loop (no other request comes
 * between them). Writes are never retried blindly: a write that got no answer may have been
 * applied, so it is reported as failed with whatever the read-back shows. Blocking; stateless.
 */
public final class WriteExecutor {
  private WriteExecutor() {}

  public static WriteResult execute(ModbusTransport transport, int unitId, Duration timeout, WriteCommand cmd) {
    List<Integer> written = Arrays.stream(cmd.words()).boxed().toList();
    Outcome echo = transport.execute(unitId, cmd.request(), timeout);
    Outcome back = transport.execute(unitId, cmd.readBack(), timeout);
    List<Integer> readBack = back instanceof Outcome.Ok ok
        ? Arrays.stream(ok.words()).limit(written.size()).boxed().toList() : List.of();
    return new WriteResult(cmd, echo, back, written, readBack);
  }
}
