package io.gridwire.uplink.outbox;

import java.time.Instant;

/**
 * What an outbox holds now.
 *
 * @param messages messages held
 * @param bytes approximate bytes held (see {@link OutboxEntry#size()})
 * @param oldest append time of the oldest message, or null when empty
 * @param dropped messages dropped at a bound since this outbox was opened (count or bytes bound,
 *     plus age expiry)
 */
public record OutboxStats(long messages, long bytes, Instant oldest, long dropped) {}
