package io.gridwire.uplink.outbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how a link keeps its outbox.
 *
 * @param dataDir directory of the SQLite files ({@code outbox-<link>.db}, opened by the wiring
 *     through the store module); default {@code data}
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

  /** The outbox file of link {@code link}: {@code dataDir/outbox-<link>.db}. */
  public Path file(String link) {
    Objects.requireNonNull(link, "link");
    return dataDir.resolve("outbox-" + link + ".db");
  }
}
