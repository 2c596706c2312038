package io.gridwire.web.auth;

import java.time.Duration;

/** Waits before answering a login on an account under attack; tests record instead of sleeping. */
@FunctionalInterface
public interface Pause {
  /** Sleeps the calling (virtual) thread. */
  Pause SLEEP = d -> {
    if (d.isPositive()) Thread.sleep(d);
  };

  void pause(Duration d) throws InterruptedException;
}
