package io.gridwire.oig.proxy;

import io.gridwire.core.admission.AdmissionConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Configuration of the OIG Box proxy (SPEC §3.2). Immutable; validated with the key path in the
 * message.
 *
 * @param listenHost address to listen on for boxes; default {@code 0.0.0.0}
 * @param listenPort port boxes connect to; default 5710 (0 = any free port)
 * @param cloudHost vendor cloud host name or IP; default {@code bridge.oigpower.cz} (legacy
 *     {@code oigservis.cz}). Sites that redirect the box by a DNS override must set the real IP
 *     here, or the gateway resolves itself (a self-connect loop, refused and logged)
 * @param cloudPort vendor cloud port; default 5710
 * @param connectTimeout cloud TCP connect timeout; default 5 s
 * @param answerTimeout how long to wait for the cloud's answer to one frame before answering
 *     locally; default 5 s (well under the Box's own ~60 s)
 * @param probeInterval how often an offline session retries the cloud; default 10 s
 *     ({@link io.gridwire.core.retry.Backoff#PEER_CAP}): the cloud is used again within it after any outage
 * @param boxZone time zone of the Box's {@code DT}; default Europe/Prague
 * @param maxConnections concurrent box connections; default 10,000
 * @param maxConnectsPerMinute new connections per remote address per minute; default 120
 * @param maxFrameBytes largest frame accepted; default 64 KiB
 * @param capture frame capture
 * @param backfill delivery of locally answered frames to the cloud once it is back
 * @param dataDir directory of the module's SQLite file {@code oig.db}; null keeps capture and
 *     backfill in memory (tests, or a gateway without disk)
 * @param admission which box ids become devices ({@link io.gridwire.core.admission.DeviceAdmission});
 *     default accept, 1,000 boxes, 60 new per minute
 * @param idleTimeout a box connection without a complete frame for this long is closed; default
 *     10 min (a Box polls about once a minute)
 * @param partialFrameTimeout a frame begun and not completed within this time closes the
 *     connection (a peer trickling bytes); default 30 s (a real frame, ≤ ~1 kB, comes in one segment)
 */
public record OigConfig(
    String listenHost,
    int listenPort,
    String cloudHost,
    int cloudPort,
    Duration connectTimeout,
    Duration answerTimeout,
    Duration probeInterval,
    ZoneId boxZone,
    int maxConnections,
    int maxConnectsPerMinute,
    int maxFrameBytes,
    Capture capture,
    Backfill backfill,
    Path dataDir,
    AdmissionConfig admission,
    Duration idleTimeout,
    Duration partialFrameTimeout) {

  public static final String DEFAULT_CLOUD_HOST = "bridge.oigpower.cz";
  public static final int DEFAULT_PORT = 5710;

  /**
   * @param enabled store every frame; default true
   * @param retention how long frames are kept; default 7 days
   * @param maxQueued frames waiting for the writer before new ones are dropped (counted); default 10,000
   */
  public record Capture(boolean enabled, Duration retention, int maxQueued) {
    public Capture {
      Objects.requireNonNull(retention, "oig.capture.retention is required");
      if (retention.isNegative() || retention.isZero()) throw new IllegalArgumentException("oig.capture.retention must be > 0: " + retention);
      if (maxQueued < 1) throw new IllegalArgumentException("oig.capture.maxQueued must be ≥ 1: " + maxQueued);
    }

    public static Capture defaults() {
      return new Capture(true, Duration.ofDays(7), 10_000);
    }
  }

  /**
   * @param enabled keep locally answered table frames and deliver them later; default true
   * @param maxFrames bound of the durable queue (all boxes); when full the oldest is dropped and
   *     counted; default 200,000 (≈ 2 weeks of one box)
   * @param interval pause between two backfill frames on one connection, sent only while the
   *     Box is idle; default 200 ms (5 frames/s)
   */
  public record Backfill(boolean enabled, int maxFrames, Duration interval) {
    public Backfill {
      Objects.requireNonNull(interval, "oig.backfill.interval is required");
      if (maxFrames < 1) throw new IllegalArgumentException("oig.backfill.maxFrames must be ≥ 1: " + maxFrames);
      if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("oig.backfill.interval must be > 0: " + interval);
    }

    public static Backfill defaults() {
      return new Backfill(true, 200_000, Duration.ofMillis(200));
    }
  }

  public OigConfig {
    listenHost = listenHost == null || listenHost.isBlank() ? "0.0.0.0" : listenHost;
    port("oig.listenPort", listenPort, true);
    if (cloudHost == null || cloudHost.isBlank()) throw new IllegalArgumentException("oig.cloudHost is required");
    port("oig.cloudPort", cloudPort, false);
    positive("oig.connectTimeout", connectTimeout);
    positive("oig.answerTimeout", answerTimeout);
    positive("oig.probeInterval", probeInterval);
    Objects.requireNonNull(boxZone, "oig.boxZone is required");
    if (maxConnections < 1) throw new IllegalArgumentException("oig.maxConnections must be ≥ 1: " + maxConnections);
    if (maxConnectsPerMinute < 1) throw new IllegalArgumentException("oig.maxConnectsPerMinute must be ≥ 1: " + maxConnectsPerMinute);
    if (maxFrameBytes < 1024) throw new IllegalArgumentException("oig.maxFrameBytes must be ≥ 1024: " + maxFrameBytes);
    capture = capture == null ? Capture.defaults() : capture;
    backfill = backfill == null ? Backfill.defaults() : backfill;
    admission = admission == null ? AdmissionConfig.DEFAULT : admission;
    positive("oig.idleTimeout", idleTimeout);
    positive("oig.partialFrameTimeout", partialFrameTimeout);
  }

  /** Defaults: listen 0.0.0.0:5710, cloud bridge.oigpower.cz:5710, in-memory storage. */
  public static OigConfig defaults() {
    return new OigConfig("0.0.0.0", DEFAULT_PORT, DEFAULT_CLOUD_HOST, DEFAULT_PORT, Duration.ofSeconds(5),
        Duration.ofSeconds(5), io.gridwire.core.retry.Backoff.PEER_CAP, ZoneId.of("Europe/Prague"), 10_000, 120, 64 * 1024,
        Capture.defaults(), Backfill.defaults(), null, AdmissionConfig.DEFAULT, Duration.ofMinutes(10), Duration.ofSeconds(30));
  }

  public OigConfig withListen(String host, int port) {
    return new OigConfig(host, port, cloudHost, cloudPort, connectTimeout, answerTimeout, probeInterval, boxZone,
        maxConnections, maxConnectsPerMinute, maxFrameBytes, capture, backfill, dataDir, admission, idleTimeout, partialFrameTimeout);
  }

  public OigConfig withCloud(String host, int port) {
    return new OigConfig(listenHost, listenPort, host, port, connectTimeout, answerTimeout, probeInterval, boxZone,
        maxConnections, maxConnectsPerMinute, maxFrameBytes, capture, backfill, dataDir, admission, idleTimeout, partialFrameTimeout);
  }

  public OigConfig withTimeouts(Duration connect, Duration answer, Duration probe) {
    return new OigConfig(listenHost, listenPort, cloudHost, cloudPort, connect, answer, probe, boxZone,
        maxConnections, maxConnectsPerMinute, maxFrameBytes, capture, backfill, dataDir, admission, idleTimeout, partialFrameTimeout);
  }

  public OigConfig withLimits(int maxConnections, int maxConnectsPerMinute) {
    return new OigConfig(listenHost, listenPort, cloudHost, cloudPort, connectTimeout, answerTimeout, probeInterval,
        boxZone, maxConnections, maxConnectsPerMinute, maxFrameBytes, capture, backfill, dataDir, admission, idleTimeout, partialFrameTimeout);
  }

  public OigConfig withStorage(Capture capture, Backfill backfill, Path dataDir) {
    return new OigConfig(listenHost, listenPort, cloudHost, cloudPort, connectTimeout, answerTimeout, probeInterval,
        boxZone, maxConnections, maxConnectsPerMinute, maxFrameBytes, capture, backfill, dataDir, admission, idleTimeout, partialFrameTimeout);
  }

  public OigConfig withAdmission(AdmissionConfig admission) {
    return new OigConfig(listenHost, listenPort, cloudHost, cloudPort, connectTimeout, answerTimeout, probeInterval,
        boxZone, maxConnections, maxConnectsPerMinute, maxFrameBytes, capture, backfill, dataDir, admission, idleTimeout, partialFrameTimeout);
  }

  public OigConfig withStallTimeouts(Duration idle, Duration partialFrame) {
    return new OigConfig(listenHost, listenPort, cloudHost, cloudPort, connectTimeout, answerTimeout, probeInterval,
        boxZone, maxConnections, maxConnectsPerMinute, maxFrameBytes, capture, backfill, dataDir, admission, idle, partialFrame);
  }

  public OigConfig withMaxFrameBytes(int maxFrameBytes) {
    return new OigConfig(listenHost, listenPort, cloudHost, cloudPort, connectTimeout, answerTimeout, probeInterval,
        boxZone, maxConnections, maxConnectsPerMinute, maxFrameBytes, capture, backfill, dataDir, admission, idleTimeout, partialFrameTimeout);
  }

  private static void port(String key, int port, boolean zeroOk) {
    if (port < (zeroOk ? 0 : 1) || port > 65535) throw new IllegalArgumentException(key + " out of range: " + port);
  }

  private static void positive(String key, Duration d) {
    Objects.requireNonNull(d, key + " is required");
    if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(key + " must be > 0: " + d);
  }
}
