package io.gridwire.core.command;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import java.time.Duration;

/** The {@code commands} section: bounds and time-to-live of the command ledger (docs/commands.md). */
public record LedgerConfig(
    @Doc("Commands not yet ended (queued, sent, acknowledged) one device may hold; one more is refused with 429.")
    int maxOpenPerDevice,
    @Doc("How long a command may wait for delivery when the request names no ttl_s; after it the command expires"
        + " and is never sent (a genset start asked an hour ago does not fire when the link comes back).")
    Duration defaultTtl,
    @Doc("The longest ttl_s a request may ask for.") Duration maxTtl) {
  /** 16 open commands per device, 10 minutes unless asked, at most a day. */
  public static final LedgerConfig DEFAULTS = new LedgerConfig(16, Duration.ofMinutes(10), Duration.ofHours(24));

  public LedgerConfig {
    Check.range("commands.max_open_per_device", maxOpenPerDevice, 1, 1000);
    Check.positive("commands.default_ttl", defaultTtl);
    Check.positive("commands.max_ttl", maxTtl);
    if (maxTtl.compareTo(defaultTtl) < 0) {
      throw new IllegalArgumentException("commands.max_ttl (" + maxTtl + ") is shorter than commands.default_ttl (" + defaultTtl + ")");
    }
  }
}
