package io.gridwire.uplink.outbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how a link keeps its outbox.
 *
 * @param dataDir directory of the SQLite files ({@code outbox-<link>.db}); null keeps the outbox
 *     in memory (lost on restart: for tests and throwaway demos only). Default {@code data}
 * @param bounds count, byte and age bounds; default {@link OutboxBounds#DEFAULT}
 * @param fsync SQLite {@code synchronous=FULL} (survives power loss) instead of {@code NORMAL}
 *     (survives a process crash); default true
 * @param busCapacity readings queued in memory in front of the outbox (≥ 1); overflow is
 *     dropped and counted as {@code bus}; default 65,536
 */
public record OutboxConfig(Path dataDir, OutboxBounds bounds, boolean fsync, int busCapacity) {
  public static final OutboxConfig DEFAULT = new OutboxConfig(Path.of("data"), OutboxBounds.DEFAULT, true, 65_536);

  public OutboxConfig {
    bounds = bounds == null ? OutboxBounds.DEFAULT : bounds;
    if (busCapacity < 1) throw new IllegalArgumentException("outbox.busCapacity must be ≥ 1: " + busCapacity);
  }

  /** In-memory outbox with the given bounds. */
  public static OutboxConfig inMemory(OutboxBounds bounds) {
    return new OutboxConfig(null, bounds, false, 65_536);
  }

  /** Opens the outbox of link {@code link}: {@code dataDir/outbox-<link>.db}, or in memory. */
  public Outbox open(String link) {
    Objects.requireNonNull(link, "link");
    if (dataDir == null) return new InMemoryOutbox(bounds);
    return new SqliteOutbox(dataDir.resolve("outbox-" + link + ".db"), bounds, fsync);
  }
}
