package io.gridwire.modbus.poll;

import io.gridwire.modbus.codec.ModbusRequest;
import io.gridwire.modbus.client.ModbusTransport;
import io.gridwire.modbus.codec.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** A hand-written transport: register memory plus an optional failure rule per request. */
final class FakeTransport implements ModbusTransport {
  final int[] memory = new int[65536];
  final List<ModbusRequest> requests = Collections.synchronizedList(new ArrayList<>());
  volatile Function<ModbusRequest, Outcome> failure = r -> null;
  volatile int resets;
  volatile boolean closed;

  @Override
  public Outcome execute(int unitId, ModbusRequest request, Duration timeout) {
    requests.add(request);
    Outcome f = failure.apply(request);
    if (f != null) return f;
    return switch (request) {
      case ModbusRequest.ReadRegisters r -> {
        int[] w = new int[r.count()];
        System.arraycopy(memory, r.address(), w, 0, r.count());
        yield new Outcome.Ok(w);
      }
      case ModbusRequest.WriteRegister w -> {
        memory[w.address()] = w.value();
        yield new Outcome.Ok(new int[] {w.value()});
      }
      case ModbusRequest.WriteRegisters w -> {
        System.arraycopy(w.values(), 0, memory, w.address(), w.values().length);
        yield new Outcome.Ok(new int[] {w.values().length});
      }
      default -> new Outcome.Refused(1);
    };
  }

  @Override
  public void reset() {
    resets++;
  }

  @Override
  public void close() {
    closed = true;
  }
}
