package io.gridwire.oig.proxy;

/**
 * What the wiring gives the OIG proxy besides the user's {@link OigConfig} keys and its stores
 * (the capture store and the backfill queue, opened by the wiring in {@code oig.db}).
 *
 * @param maxFrameBytes largest frame accepted from a box or the cloud (≥ 1024); default 64 KiB
 * @param captureMaxQueued captured frames waiting for the writer before new ones are dropped
 *     (counted; ≥ 1); default 10,000
 */
public record OigRuntime(int maxFrameBytes, int captureMaxQueued) {
  /** 64 KiB frames, 10,000 queued captured frames. */
  public static final OigRuntime DEFAULT = new OigRuntime(64 * 1024, 10_000);

  public OigRuntime {
    if (maxFrameBytes < 1024) throw new IllegalArgumentException("OIG max frame bytes must be ≥ 1024: " + maxFrameBytes);
    if (captureMaxQueued < 1) throw new IllegalArgumentException("OIG capture queue must be ≥ 1: " + captureMaxQueued);
  }

  public OigRuntime withMaxFrameBytes(int bytes) {
    return new OigRuntime(bytes, captureMaxQueued);
  }

  public OigRuntime withCaptureMaxQueued(int frames) {
    return new OigRuntime(maxFrameBytes, frames);
  }
}
