package io.gridwire.app.config;

import io.gridwire.core.command.LedgerConfig;
import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import java.time.Duration;

/** The command ledger (docs/commands.md). */
public record CommandsConfig(
    @Doc("Commands not yet ended (queued, sent, acknowledged) one device may hold; one more is refused with 429.")
    int maxOpenPerDevice,
    @Doc("How long a command may wait for delivery when the request names no ttl_s; after it the command expires"
        + " and is never sent (a genset start asked an hour ago does not fire when the link comes back).")
    Duration defaultTtl,
    @Doc("The longest ttl_s a request may ask for.") Duration maxTtl) {
  public CommandsConfig {
    Check.range("commands.max_open_per_device", maxOpenPerDevice, 1, 1000);
    Check.positive("commands.default_ttl", defaultTtl);
    Check.positive("commands.max_ttl", maxTtl);
    if (maxTtl.compareTo(defaultTtl) < 0) {
      throw new IllegalArgumentException("commands.max_ttl (" + maxTtl + ") is shorter than commands.default_ttl (" + defaultTtl + ")");
    }
  }

  public static CommandsConfig defaults() {
    return new CommandsConfig(16, Duration.ofMinutes(10), Duration.ofHours(24));
  }

  public LedgerConfig toCore() {
    return new LedgerConfig(maxOpenPerDevice, defaultTtl, maxTtl);
  }
}
