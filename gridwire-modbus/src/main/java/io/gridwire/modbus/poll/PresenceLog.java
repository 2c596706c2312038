package io.gridwire.modbus.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operator when a Modbus device goes offline (WARN, with what to check) and comes back
 * (INFO, with how long it was away). Rate-limited: a device flapping faster than once a minute
 * gets one line a minute, which counts the changes it did not log; a device that stays offline is
 * reminded of every 15 minutes. Not thread-safe: one per device poller.
 */
final class PresenceLog {
  static final Duration MIN_GAP = Duration.ofMinutes(1);
  static final Duration REMIND = Duration.ofMinutes(15);
  private static final Logger log = LoggerFactory.getLogger(PresenceLog.class);

  /** Where lines go; tests collect them. */
  interface Sink {
    void warn(String line);

    void info(String line);

    Sink SLF4J = new Sink() {
      @Override
      public void warn(String line) {
        log.warn(line);
      }

      @Override
      public void info(String line) {
        log.info(line);
      }
    };
  }

  private final ModbusDeviceConfig cfg;
  private final Clock clock;
  private final Sink sink;
  private boolean offline;
  private Instant offlineSince;
  private Instant lastLine = Instant.MIN;
  private int unlogged;
  private int failedPolls;

  PresenceLog(ModbusDeviceConfig cfg, Clock clock, Sink sink) {
    this.cfg = cfg;
    this.clock = clock;
    this.sink = sink;
  }

  /** A poll read nothing. */
  void failed(String reason) {
    Instant now = clock.instant();
    failedPolls++;
    if (!offline) {
      offline = true;
      offlineSince = now;
      if (!due(now, MIN_GAP)) return;
    } else if (Duration.between(lastLine, now).compareTo(REMIND) < 0) {
      return;
    }
    String where = cfg.serial() != null ? cfg.serial().describe() : cfg.host() + ":" + cfg.port();
    String check = cfg.serial() != null
        ? "Check that the adapter is plugged in, the device powered and wired (A/B, termination), its unit id, and its baud rate,"
            + " parity and stop bits"
        : "Check that it is powered and reachable at that address, its unit id, and (RTU over TCP) the converter's serial settings";
    sink.warn("modbus device " + cfg.id() + " (" + cfg.transport() + " " + where + ", unit "
        + cfg.unitId() + ") is offline" + (failedPolls > 1 ? " for " + human(Duration.between(offlineSince, now)) : "")
        + ": " + reason + suppressed() + ". " + check + "; polling goes on with back-off.");
    lastLine = now;
  }

  /** A poll read at least one block. */
  void ok() {
    if (!offline) return;
    Instant now = clock.instant();
    offline = false;
    String away = human(Duration.between(offlineSince, now));
    int polls = failedPolls;
    failedPolls = 0;
    if (!due(now, MIN_GAP)) return;
    sink.info("modbus device " + cfg.id() + " is back online after " + polls + " failed polls (" + away + ")"
        + suppressed());
    lastLine = now;
  }

  private boolean due(Instant now, Duration gap) {
    if (Duration.between(lastLine, now).compareTo(gap) >= 0) return true;
    unlogged++;
    return false;
  }

  private String suppressed() {
    if (unlogged == 0) return "";
    String s = " (" + unlogged + " earlier online/offline changes not logged)";
    unlogged = 0;
    return s;
  }

  private static String human(Duration d) {
    long s = d.toSeconds();
    return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s / 3600 + " h";
  }
}
