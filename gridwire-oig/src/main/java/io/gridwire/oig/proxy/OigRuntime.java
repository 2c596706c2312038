package io.gridwire.oig.proxy;

import java.nio.file.Path;

/**
 * What the wiring gives the OIG proxy besides the user's {@link OigConfig} keys.
 *
 * @param dataDir directory of the module's SQLite file {@code oig.db} (capture; the wiring keeps
 *     the backfill queue in the same file); null keeps capture in memory (tests, or a gateway
 *     without disk)
 * @param maxFrameBytes largest frame accepted from a box or the cloud (≥ 1024); default 64 KiB
 * @param captureMaxQueued captured frames waiting for the writer before new ones are dropped
 *     (counted; ≥ 1); default 10,000
 */
public record OigRuntime(Path dataDir, int maxFrameBytes, int captureMaxQueued) {
  /** In memory, 64 KiB frames, 10,000 queued captured frames. */
  public static final OigRuntime DEFAULT = new OigRuntime(null, 64 * 1024, 10_000);

  public OigRuntime {
    if (maxFrameBytes < 1024) throw new IllegalArgumentException("OIG max frame bytes must be ≥ 1024: " + maxFrameBytes);
    if (captureMaxQueued < 1) throw new IllegalArgumentException("OIG capture queue must be ≥ 1: " + captureMaxQueued);
  }

  /** The defaults with capture in {@code dir}. */
  public static OigRuntime at(Path dir) {
    return new OigRuntime(dir, DEFAULT.maxFrameBytes, DEFAULT.captureMaxQueued);
  }

  public OigRuntime withMaxFrameBytes(int bytes) {
    return new OigRuntime(dataDir, bytes, captureMaxQueued);
  }

  public OigRuntime withCaptureMaxQueued(int frames) {
    return new OigRuntime(dataDir, maxFrameBytes, frames);
  }
}
