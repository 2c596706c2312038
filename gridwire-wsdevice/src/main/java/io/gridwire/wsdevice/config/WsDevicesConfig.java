package io.gridwire.wsdevice.config;

import io.gridwire.core.admission.AdmissionConfig;
import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import java.time.Duration;

/**
 * The {@code ws_devices} section: the WebSocket device endpoint {@code /ws/devices} (SPEC §3.4).
 * Each component is one key; {@link #settings} gives the endpoint's full {@link DeviceConfig}.
 */
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

  /** The endpoint's defaults ({@link DeviceConfig#defaults()}), any session id admitted within the caps. */
  public static WsDevicesConfig defaults() {
    DeviceConfig d = DeviceConfig.defaults();
    return new WsDevicesConfig(d.authTimeout(), d.maxMessageBytes(), d.maxJsonDepth(), d.messagesPerSecond(), d.burst(),
        d.pingInterval(), AdmissionConfig.DEFAULT);
  }

  /** The device endpoint's settings: these keys, the rest at {@link DeviceConfig#defaults()}. */
  public DeviceConfig settings() {
    DeviceConfig d = DeviceConfig.defaults();
    return new DeviceConfig(authTimeout, maxMessageBytes, maxJsonDepth, messagesPerSecond, burst, d.sendTimeout(),
        d.addressFailuresPerMinute(), d.accountFailuresPerMinute(), pingInterval, d.injectCommandId());
  }
}
