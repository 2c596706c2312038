package io.gridwire.app.config;

import io.gridwire.core.admission.AdmissionConfig;
import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import java.time.Duration;

/** The WebSocket device endpoint {@code /ws/devices} (SPEC §3.4). */
public record WsDevicesConfig(
    @Doc("A device must authenticate (first message) within this time, or it is closed.") Duration authTimeout,
    @Doc("Largest accepted device message, bytes; larger gets an error message and is counted.") int maxMessageBytes,
    @Doc("Deepest accepted JSON nesting of a device message.") int maxJsonDepth,
    @Doc("Sustained messages per second per device; beyond it (after the burst) messages are dropped and counted.") double messagesPerSecond,
    @Doc("Burst of messages a device may send above the sustained rate.") int burst,
    @Doc("Server ping interval (detects vanished devices).") Duration pingInterval,
    @Doc("Which new session_ids become devices once authenticated (caps; session_id keeps its own grammar).") AdmissionConfig admission) {
  public WsDevicesConfig {
    Check.positive("ws_devices.auth_timeout", authTimeout);
    Check.range("ws_devices.max_message_bytes", maxMessageBytes, 128, 16 << 20);
    Check.range("ws_devices.max_json_depth", maxJsonDepth, 1, 64);
    if (!(messagesPerSecond > 0)) throw new IllegalArgumentException("ws_devices.messages_per_second must be > 0: " + messagesPerSecond);
    Check.range("ws_devices.burst", burst, 1, 1_000_000);
    Check.positive("ws_devices.ping_interval", pingInterval);
    admission = Check.orDefault(admission, AdmissionConfig.DEFAULT);
  }

  public static WsDevicesConfig defaults() {
    return new WsDevicesConfig(Duration.ofSeconds(10), 64 << 10, 8, 20, 100, Duration.ofSeconds(20), AdmissionConfig.DEFAULT);
  }
}
