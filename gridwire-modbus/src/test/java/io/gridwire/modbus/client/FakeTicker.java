package io.gridwire.modbus.client;

import java.time.Duration;

/** Virtual time: sleeping and waiting move it instantly. */
final class FakeTicker implements Ticker {
  long now = 1_000_000_000L;

  @Override
  public long nanos() {
    return now;
  }

  @Override
  public void sleep(Duration d) {
    now += d.toNanos();
  }

  void advance(Duration d) {
    now += d.toNanos();
  }
}
