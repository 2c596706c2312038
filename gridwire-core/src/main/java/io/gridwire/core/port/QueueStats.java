package io.gridwire.core.port;

import java.time.Instant;

/**
 * What a {@link DurableQueue} holds now.
 *
 * @param messages entries held
 * @param bytes approximate bytes held (see {@link QueueEntry#size()})
 * @param oldest append time of the oldest entry, or null when empty
 * @param dropped entries dropped since this queue was opened (count or byte bound, plus age expiry)
 */
public record QueueStats(long messages, long bytes, Instant oldest, long dropped) {}
