package io.gridwire.oig.proxy;

import io.gridwire.core.admission.AdmissionConfig;
import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import io.gridwire.core.retry.Backoff;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The {@code oig} section: the OIG Box proxy (SPEC §3.2). Boxes connect here, the gateway connects
 * onward to the vendor cloud. Each component is one key ({@code listenPort} is
 * {@code oig.listen_port}); what the wiring adds that is no key (the data directory, buffer
 * bounds) is {@link OigRuntime}.
 */
public record OigConfig(
    @Doc("Run the OIG proxy.") boolean enabled,
    @Doc("Address boxes connect to.") String listenHost,
    @Doc("Port boxes connect to (the box's cloud port; redirect the box here with a local DNS override).") int listenPort,
    @Doc("Vendor cloud host name or IP. Behind a DNS override set the real IP, or the gateway would connect to itself.") String cloudHost,
    @Doc("Vendor cloud port.") int cloudPort,
    @Doc("Cloud TCP connect timeout.") Duration connectTimeout,
    @Doc("How long the cloud may take to answer a frame before the gateway answers locally (offline mode).") Duration answerTimeout,
    @Doc("How often an offline session retries the cloud: it is used again within this after any outage.") Duration probeInterval,
    @Doc("Time zone of the box's DT field.") ZoneId boxZone,
    @Doc("Concurrent box connections.") int maxConnections,
    @Doc("New connections per remote address per minute.") int maxConnectsPerMinute,
    @Doc("Store every frame (connection, direction, table, raw text) for statistics.") boolean capture,
    @Doc("How long captured frames are kept.") Duration captureRetention,
    @Doc("Keep frames answered locally during a cloud outage and deliver them once the cloud is back.") boolean backfill,
    @Doc("Bound of the backfill queue (frames, all boxes); beyond it the oldest are dropped and counted.") int backfillMaxFrames,
    @Doc("Pause between two backfilled frames on a connection.") Duration backfillInterval,
    @Doc("A box connection without a complete frame for this long is closed (a Box polls about once a minute).") Duration idleTimeout,
    @Doc("A frame begun and not finished within this time closes the connection (a peer trickling bytes).") Duration partialFrameTimeout,
    @Doc("Which box ids (ID_Device) become devices.") AdmissionConfig admission) {

  public static final String DEFAULT_CLOUD_HOST = "bridge.oigpower.cz";
  public static final int DEFAULT_PORT = 5710;

  public OigConfig {
    listenHost = listenHost == null || listenHost.isBlank() ? "0.0.0.0" : listenHost;
    Check.range("oig.listen_port", listenPort, 0, 65535);
    Check.nonBlank("oig.cloud_host", cloudHost);
    Check.range("oig.cloud_port", cloudPort, 1, 65535);
    Check.positive("oig.connect_timeout", connectTimeout);
    Check.positive("oig.answer_timeout", answerTimeout);
    Check.positive("oig.probe_interval", probeInterval);
    if (boxZone == null) throw new IllegalArgumentException("oig.box_zone must not be empty");
    Check.range("oig.max_connections", maxConnections, 1, 1_000_000);
    Check.range("oig.max_connects_per_minute", maxConnectsPerMinute, 1, 1_000_000);
    Check.positive("oig.capture_retention", captureRetention);
    Check.range("oig.backfill_max_frames", backfillMaxFrames, 1, 100_000_000);
    Check.positive("oig.backfill_interval", backfillInterval);
    Check.positive("oig.idle_timeout", idleTimeout);
    Check.positive("oig.partial_frame_timeout", partialFrameTimeout);
    admission = Check.orDefault(admission, AdmissionConfig.DEFAULT);
  }

  /**
   * Off; listen 0.0.0.0:5710, cloud bridge.oigpower.cz:5710 (legacy oigservis.cz), answer locally
   * after 5 s (well under the Box's own ~60 s), retry the cloud every {@link Backoff#PEER_CAP},
   * capture kept 7 days, backfill up to 200,000 frames (≈ 2 weeks of one box) at 5 frames/s.
   */
  public static OigConfig defaults() {
    return new OigConfig(false, "0.0.0.0", DEFAULT_PORT, DEFAULT_CLOUD_HOST, DEFAULT_PORT, Duration.ofSeconds(5),
        Duration.ofSeconds(5), Backoff.PEER_CAP, ZoneId.of("Europe/Prague"), 10_000, 120, true, Duration.ofDays(7), true,
        200_000, Duration.ofMillis(200), Duration.ofMinutes(10), Duration.ofSeconds(30), AdmissionConfig.DEFAULT);
  }

  public OigConfig withListen(String host, int port) {
    return new OigConfig(enabled, host, port, cloudHost, cloudPort, connectTimeout, answerTimeout, probeInterval, boxZone,
        maxConnections, maxConnectsPerMinute, capture, captureRetention, backfill, backfillMaxFrames, backfillInterval,
        idleTimeout, partialFrameTimeout, admission);
  }

  public OigConfig withCloud(String host, int port) {
    return new OigConfig(enabled, listenHost, listenPort, host, port, connectTimeout, answerTimeout, probeInterval, boxZone,
        maxConnections, maxConnectsPerMinute, capture, captureRetention, backfill, backfillMaxFrames, backfillInterval,
        idleTimeout, partialFrameTimeout, admission);
  }

  public OigConfig withTimeouts(Duration connect, Duration answer, Duration probe) {
    return new OigConfig(enabled, listenHost, listenPort, cloudHost, cloudPort, connect, answer, probe, boxZone,
        maxConnections, maxConnectsPerMinute, capture, captureRetention, backfill, backfillMaxFrames, backfillInterval,
        idleTimeout, partialFrameTimeout, admission);
  }

  public OigConfig withLimits(int maxConnections, int maxConnectsPerMinute) {
    return new OigConfig(enabled, listenHost, listenPort, cloudHost, cloudPort, connectTimeout, answerTimeout, probeInterval,
        boxZone, maxConnections, maxConnectsPerMinute, capture, captureRetention, backfill, backfillMaxFrames,
        backfillInterval, idleTimeout, partialFrameTimeout, admission);
  }

  /** Capture on or off; backfill on or off with its bound and pace. */
  public OigConfig withStorage(boolean capture, boolean backfill, int backfillMaxFrames, Duration backfillInterval) {
    return new OigConfig(enabled, listenHost, listenPort, cloudHost, cloudPort, connectTimeout, answerTimeout, probeInterval,
        boxZone, maxConnections, maxConnectsPerMinute, capture, captureRetention, backfill, backfillMaxFrames,
        backfillInterval, idleTimeout, partialFrameTimeout, admission);
  }

  public OigConfig withAdmission(AdmissionConfig admission) {
    return new OigConfig(enabled, listenHost, listenPort, cloudHost, cloudPort, connectTimeout, answerTimeout, probeInterval,
        boxZone, maxConnections, maxConnectsPerMinute, capture, captureRetention, backfill, backfillMaxFrames,
        backfillInterval, idleTimeout, partialFrameTimeout, admission);
  }

  public OigConfig withStallTimeouts(Duration idle, Duration partialFrame) {
    return new OigConfig(enabled, listenHost, listenPort, cloudHost, cloudPort, connectTimeout, answerTimeout, probeInterval,
        boxZone, maxConnections, maxConnectsPerMinute, capture, captureRetention, backfill, backfillMaxFrames,
        backfillInterval, idle, partialFrame, admission);
  }
}
