package io.gridwire.app.config;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import java.time.Duration;
import java.util.List;

/**
 * Report by exception: what the sinks that store or forward receive of each reading. Per-sink
 * heartbeats left unset take {@code heartbeat}.
 */
public record ReportByExceptionConfig(
    @Doc("Pass a value to history, MQTT, uplink, InfluxDB, /ws/metrics and the fleet only when it changed "
        + "(beyond its deadband), its quality changed, or its heartbeat is due. false: every value of every "
        + "poll.") boolean enabled,
    @Doc("A value that did not change is still passed this long after it was last passed (proves it alive). 0s: never.") Duration heartbeat,
    @Doc("Heartbeat of history (default: heartbeat).") Duration historyHeartbeat,
    @Doc("Heartbeat of the MQTT / Home Assistant publisher (default: heartbeat, but at most half of the "
        + "expire_after Home Assistant is told, 5m, so a flat device never turns unavailable).") Duration mqttHeartbeat,
    @Doc("Heartbeat of the cloud uplink (default: heartbeat).") Duration uplinkHeartbeat,
    @Doc("Heartbeat of the InfluxDB export (default: heartbeat).") Duration influxHeartbeat,
    @Doc("Heartbeat of /ws/metrics (default: heartbeat).") Duration websocketHeartbeat,
    @Doc("Heartbeat of readings shared with the other nodes of a fleet (default: heartbeat).") Duration fleetHeartbeat,
    @Doc("Readings waiting for the filter, per distinct heartbeat; beyond it (or 128 MiB) readings are dropped and counted.") int queueCapacity,
    @Doc("Deadbands by metric name; they override the register profile's deadband. Default: any change passes.") List<DeadbandConfig> deadbands) {

  public ReportByExceptionConfig {
    heartbeat = heartbeat(heartbeat, "heartbeat", Duration.ofMinutes(5));
    heartbeat(historyHeartbeat, "history_heartbeat", null);
    heartbeat(mqttHeartbeat, "mqtt_heartbeat", null);
    heartbeat(uplinkHeartbeat, "uplink_heartbeat", null);
    heartbeat(influxHeartbeat, "influx_heartbeat", null);
    heartbeat(websocketHeartbeat, "websocket_heartbeat", null);
    heartbeat(fleetHeartbeat, "fleet_heartbeat", null);
    Check.range("report_by_exception.queue_capacity", queueCapacity, 16, 10_000_000);
    deadbands = deadbands == null ? List.of() : List.copyOf(deadbands);
  }

  private static Duration heartbeat(Duration value, String key, Duration fallback) {
    if (value == null) return fallback;
    if (value.isNegative()) throw new IllegalArgumentException("report_by_exception." + key + " must be ≥ 0s: " + value);
    if (!value.isZero() && value.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("report_by_exception." + key + " must be 0s (off) or at least 1s: " + value);
    }
    return value;
  }

  /** A sink's heartbeat: its own key when set, else {@link #heartbeat()}. */
  public Duration heartbeatOr(Duration sinkHeartbeat) {
    return sinkHeartbeat == null ? heartbeat : sinkHeartbeat;
  }

  public static ReportByExceptionConfig defaults() {
    return new ReportByExceptionConfig(true, null, null, null, null, null, null, null, 8192, null);
  }
}
