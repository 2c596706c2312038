package io.gridwire.core.command;

import java.time.Duration;

/**
 * Bounds of the command ledger.
 *
 * @param maxOpenPerDevice commands not yet ended (queued, sent, acknowledged) one device may have,
 *     1–1000; one more is refused with 429
 * @param defaultTtl how long a command may wait for delivery when the request names no ttl
 * @param maxTtl the longest ttl a request may ask for
 */
public record LedgerConfig(int maxOpenPerDevice, Duration defaultTtl, Duration maxTtl) {
  public static final LedgerConfig DEFAULTS = new LedgerConfig(16, Duration.ofMinutes(10), Duration.ofHours(24));

  public LedgerConfig {
    if (maxOpenPerDevice < 1 || maxOpenPerDevice > 1000) {
      throw new IllegalArgumentException("commands.max_open_per_device out of range 1..1000: " + maxOpenPerDevice);
    }
    if (defaultTtl.isNegative() || defaultTtl.isZero()) throw new IllegalArgumentException("commands.default_ttl must be positive");
    if (maxTtl.compareTo(defaultTtl) < 0) throw new IllegalArgumentException("commands.max_ttl must be at least commands.default_ttl");
  }
}
