package io.gridwire.oig.backfill;

import java.time.Instant;

/**
 * A box frame answered locally, waiting for delivery to the cloud.
 *
 * @param id queue order, rising (0 before it is stored)
 * @param deviceId the box
 * @param table {@code TblName}
 * @param receivedAt when the box sent it
 * @param raw the box's frame bytes, unchanged, CR LF included
 */
public record BackfillEntry(long id, String deviceId, String table, Instant receivedAt, byte[] raw) {}
