package io.gridwire.app.config;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import java.time.Duration;

/** The OIG Box proxy (SPEC §3.2): boxes connect here, the gateway connects onward to the vendor cloud. */
public record OigConfig(
    @Doc("Run the OIG proxy.") boolean enabled,
    @Doc("Address boxes connect to.") String listenHost,
    @Doc("Port boxes connect to (the box's cloud port; redirect the box here with a local DNS override).") int listenPort,
    @Doc("Vendor cloud host name or IP. Behind a DNS override set the real IP, or the gateway would connect to itself.") String cloudHost,
    @Doc("Vendor cloud port.") int cloudPort,
    @Doc("Cloud TCP connect timeout.") Duration connectTimeout,
    @Doc("How long the cloud may take to answer a frame before the gateway answers locally (offline mode).") Duration answerTimeout,
    @Doc("How often an offline session retries the cloud: it is used again within this after any outage.") Duration probeInterval,
    @Doc("Time zone of the box's DT field.") String boxZone,
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
  public OigConfig {
    Check.range("oig.listen_port", listenPort, 0, 65535);
    Check.range("oig.cloud_port", cloudPort, 1, 65535);
    Check.nonBlank("oig.cloud_host", cloudHost);
    Check.positive("oig.connect_timeout", connectTimeout);
    Check.positive("oig.answer_timeout", answerTimeout);
    Check.positive("oig.probe_interval", probeInterval);
    try {
      java.time.ZoneId.of(boxZone);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("oig.box_zone is not a time zone: " + boxZone);
    }
    Check.range("oig.max_connections", maxConnections, 1, 1_000_000);
    Check.range("oig.max_connects_per_minute", maxConnectsPerMinute, 1, 1_000_000);
    Check.positive("oig.capture_retention", captureRetention);
    Check.range("oig.backfill_max_frames", backfillMaxFrames, 1, 100_000_000);
    Check.positive("oig.backfill_interval", backfillInterval);
    Check.positive("oig.idle_timeout", idleTimeout);
    Check.positive("oig.partial_frame_timeout", partialFrameTimeout);
    admission = Check.orDefault(admission, AdmissionConfig.defaults());
  }

  public static OigConfig defaults() {
    return new OigConfig(false, "0.0.0.0", 5710, "bridge.oigpower.cz", 5710, Duration.ofSeconds(5), Duration.ofSeconds(5),
        Duration.ofSeconds(10), "Europe/Prague", 10_000, 120, true, Duration.ofDays(7), true, 200_000,
        Duration.ofMillis(200), Duration.ofMinutes(10), Duration.ofSeconds(30), AdmissionConfig.defaults());
  }
}
