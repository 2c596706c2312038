package io.gridwire.modbus.client;

import java.time.Duration;

/**
 * Monotonic time and waiting for transports; a fake in tests makes gaps and timeouts instant.
 * Deadline-critical, so it waits on the poll's own thread and never on the shared housekeeping
 * scheduler ({@code io.gridwire.core.schedule.Scheduler}).
 */
public interface Ticker {
  long nanos();

  void sleep(Duration d) throws InterruptedException;

  Ticker SYSTEM = new Ticker() {
    @Override
    public long nanos() {
      return System.nanoTime();
    }

    @Override
    public void sleep(Duration d) throws InterruptedException {
      if (d.isPositive()) Thread.sleep(d);
    }
  };
}
