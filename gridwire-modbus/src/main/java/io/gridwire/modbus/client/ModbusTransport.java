package io.gridwire.modbus.client;

import io.gridwire.modbus.codec.ModbusRequest;
import io.gridwire.modbus.codec.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Sends one Modbus request and waits for its answer. Implementations serialise callers (one
 * request in flight per connection), (re)connect lazily, never throw for a device's failure and
 * never read without a bound. Thread-safe; {@link #execute} blocks up to about {@code timeout}
 * (plus any turnaround gap or late-answer guard of the link).
 */
public interface ModbusTransport extends AutoCloseable {

  /**
   * @param unitId Modbus unit (slave) id, 0..255
   * @param request the request PDU
   * @param timeout how long to wait for the answer once the request is written
   */
  Outcome execute(int unitId, ModbusRequest request, Duration timeout);

  /**
   * Runs {@code requests} to one unit in order, each with {@code timeout}, waiting {@code gap}
   * between two of them. Stops early after a {@link Outcome.TimedOut} or
   * {@link Outcome.TransportDown} (the rest would only wait on the same dead link), and before
   * starting a further request when {@code yield} answers true (a write is waiting). Blocks; the
   * default runs {@link #execute} in a loop, a reactor-driven transport runs the whole batch
   * without waking the caller in between.
   *
   * @param outcomes receives the outcome of request i at index i (length ≥ requests)
   * @param rttNanos receives the round trip of request i in ns (length ≥ requests)
   * @return how many requests ran (≥ 1 when {@code requests} is not empty)
   * @throws InterruptedException when the calling thread is interrupted while waiting
   */
  default int executeAll(int unitId, List<ModbusRequest> requests, Duration timeout, Duration gap, BooleanSupplier yield,
      Outcome[] outcomes, long[] rttNanos) throws InterruptedException {
    for (int i = 0; i < requests.size(); i++) {
      if (i > 0) {
        if (yield.getAsBoolean()) return i;
        if (gap.isPositive()) Thread.sleep(gap);
      }
      long t0 = System.nanoTime();
      outcomes[i] = execute(unitId, requests.get(i), timeout);
      rttNanos[i] = System.nanoTime() - t0;
      if (outcomes[i] instanceof Outcome.TimedOut || outcomes[i] instanceof Outcome.TransportDown) return i + 1;
    }
    return requests.size();
  }

  /**
   * Whether {@link #executeAllAt} times the start on the transport's own timer: the caller is then
   * woken once per batch, and calls {@link #wake} when it queues work that must run before the
   * batch starts (a write).
   */
  default boolean schedulesBatches() {
    return false;
  }

  /**
   * {@link #executeAll} whose first request is sent at {@code startNanos} ({@link System#nanoTime}),
   * or at once when that has passed. Returns 0, nothing run, when {@code yield} answers true before
   * the start, after {@link #wake}, or when the connection closed while waiting: the caller runs
   * what waits and calls again. Only when {@link #schedulesBatches}.
   *
   * @param startedNanos receives at index 0 when the first request was sent, or when the batch
   *     ended without sending (a connect that failed, at or after the start; a closed transport)
   */
  default int executeAllAt(long startNanos, int unitId, List<ModbusRequest> requests, Duration timeout, Duration gap,
      BooleanSupplier yield, Outcome[] outcomes, long[] rttNanos, long[] startedNanos) throws InterruptedException {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " does not schedule batches");
  }

  /** Ends a batch still waiting for its start ({@link #executeAllAt}) at once, nothing run. Any thread, never blocks. */
  default void wake() {}

  /**
   * {@link #execute} for a transport whose native operation is the batch: one request as a batch
   * of one; an interrupt while waiting is reported as the link being down, with the flag kept.
   */
  static Outcome executeOne(ModbusTransport t, int unitId, ModbusRequest request, Duration timeout) {
    Outcome[] o = new Outcome[1];
    try {
      t.executeAll(unitId, List.of(request), timeout, Duration.ZERO, () -> false, o, new long[1]);
      return o[0];
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome.TransportDown("interrupted");
    }
  }

  /** Closes the connection; a later {@link #execute} reconnects. */
  void reset();

  @Override
  void close();
}
