package io.gridwire.notify.webhook;

import org.slf4j.Logger;

/** Logs the first delivery failure, then at most one line a minute, and the recovery. Not thread-safe. */
final class FailureLog {
  private static final long EVERY_NANOS = 60_000_000_000L;

  private final String what;
  private final Logger log;
  private long failures;
  private long lastLogged;

  FailureLog(String what, Logger log) {
    this.what = what;
    this.log = log;
  }

  void failed(String reason, long waiting) {
    failures++;
    long now = System.nanoTime();
    if (failures == 1 || now - lastLogged >= EVERY_NANOS) {
      lastLogged = now;
      log.warn("{}: delivery failed ({} attempts so far): {}; {} notifications wait and are retried — check the"
          + " receiver's URL and logs", what, failures, reason, waiting);
    }
  }

  void recovered() {
    if (failures > 0) log.info("{}: delivering again after {} failed attempts", what, failures);
    failures = 0;
  }
}
