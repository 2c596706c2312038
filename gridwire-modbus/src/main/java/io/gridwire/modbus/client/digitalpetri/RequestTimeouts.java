package io.gridwire.modbus.client.digitalpetri;

import com.digitalpetri.modbus.TimeoutScheduler;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Request timeouts for one digitalpetri client, on the shared event loop (no timer thread of its
 * own). {@code ModbusTcpClient} arms one timeout per request, synchronously inside
 * {@code sendRawAsync}, always with its one configured {@code requestTimeout}; a
 * {@link io.gridwire.modbus.client.ModbusTransport} has a timeout per request, so the delay is
 * taken from {@code current} (the timeout of the request being sent) instead. A timeout fires on
 * {@code where} (the connection's own event loop), so it is handled in step with the connection.
 */
final class RequestTimeouts implements TimeoutScheduler {
  private final Supplier<EventExecutor> where;
  private final Supplier<Duration> current;

  RequestTimeouts(Supplier<EventExecutor> where, Supplier<Duration> current) {
    this.where = where;
    this.current = current;
  }

  @Override
  public TimeoutHandle newTimeout(Task task, long ignoredDelay, TimeUnit ignoredUnit) {
    Handle h = new Handle();
    h.attach(where.get().schedule(() -> task.run(h), current.get().toNanos(), TimeUnit.NANOSECONDS));
    return h;
  }

  /** Cancellable before its scheduled future is known (an answer can beat {@code attach}). */
  private static final class Handle implements TimeoutHandle {
    private volatile ScheduledFuture<?> future;
    private volatile boolean cancelled;

    void attach(ScheduledFuture<?> f) {
      future = f;
      if (cancelled) f.cancel(false);
    }

    @Override
    public void cancel() {
      cancelled = true;
      ScheduledFuture<?> f = future;
      if (f != null) f.cancel(false);
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }
  }
}
