package io.gridwire.oig.proxy;

/**
 * What the wiring gives the OIG proxy besides the user's {@link OigConfig} keys and its stores
 * (the capture store and the backfill queue, opened by the wiring in {@code oig.db}).
 *
 * @param maxFrameBytes largest frame accepted from a box or the cloud (≥ 1024); default 64 KiB
 * @param captureMaxQueued captured frames waiting for the writer before new ones are dropped
 *     (counted; ≥ 1); default 10,000
 * @param ioLoops I/O loop threads the box and cloud connections are spread over (1 to 16); default
 *     1, which carries 1,000 boxes with a few percent of one core
 */
public record OigRuntime(int maxFrameBytes, int captureMaxQueued, int ioLoops) {
  /** 64 KiB frames, 10,000 queued captured frames, one I/O loop. */
  public static final OigRuntime DEFAULT = new OigRuntime(64 * 1024, 10_000, 1);

  public OigRuntime {
    if (maxFrameBytes < 1024) throw new IllegalArgumentException("OIG max frame bytes must be ≥ 1024: " + maxFrameBytes);
    if (captureMaxQueued < 1) throw new IllegalArgumentException("OIG capture queue must be ≥ 1: " + captureMaxQueued);
    if (ioLoops < 1 || ioLoops > 16) throw new IllegalArgumentException("OIG I/O loops must be 1 to 16: " + ioLoops);
  }

  /** One I/O loop. */
  public OigRuntime(int maxFrameBytes, int captureMaxQueued) {
    this(maxFrameBytes, captureMaxQueued, 1);
  }

  public OigRuntime withMaxFrameBytes(int bytes) {
    return new OigRuntime(bytes, captureMaxQueued, ioLoops);
  }

  public OigRuntime withCaptureMaxQueued(int frames) {
    return new OigRuntime(maxFrameBytes, frames, ioLoops);
  }

  public OigRuntime withIoLoops(int loops) {
    return new OigRuntime(maxFrameBytes, captureMaxQueued, loops);
  }
}
