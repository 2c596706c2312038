package io.gridwire.modbus.client;

import io.gridwire.modbus.codec.ModbusRequest;
import io.gridwire.modbus.codec.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The requests of one {@link ModbusTransport#executeAll} call handed to a {@link TcpReactor}: the
 * reactor fills outcomes and advances {@link #next}; the caller parks until {@link #finish}.
 */
final class Batch {
  final int unit;
  final List<ModbusRequest> requests;
  final Duration timeout;
  final Duration gap;
  final BooleanSupplier yield;
  final Outcome[] outcomes;
  final long[] rttNanos;
  private final Thread waiter = Thread.currentThread();
  int next; // written by the reactor, read by the caller after done
  long startedNanos; // when the first request was sent (System.nanoTime); written by the reactor
  volatile boolean done;

  Batch(int unit, List<ModbusRequest> requests, Duration timeout, Duration gap, BooleanSupplier yield, Outcome[] outcomes,
      long[] rttNanos) {
    this.unit = unit;
    this.requests = requests;
    this.timeout = timeout;
    this.gap = gap;
    this.yield = yield;
    this.outcomes = outcomes;
    this.rttNanos = rttNanos;
  }

  void finish() {
    done = true;
    LockSupport.unpark(waiter);
  }

  /**
   * Parks until done. On interrupt runs {@code onInterrupt} once (which must finish the batch
   * soon), still waits for it, then throws.
   */
  void await(Runnable onInterrupt) throws InterruptedException {
    boolean interrupted = false;
    while (!done) {
      LockSupport.park(this);
      if (Thread.interrupted() && !interrupted) {
        interrupted = true;
        onInterrupt.run();
      }
    }
    if (interrupted) throw new InterruptedException("interrupted while waiting for Modbus answers");
  }
}
