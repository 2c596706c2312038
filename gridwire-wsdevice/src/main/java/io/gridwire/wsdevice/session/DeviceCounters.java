package io.gridwire.wsdevice.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Device endpoint meters: {@code gridwire_ws_devices_connected}, {@code
 * gridwire_ws_devices_messages_total}, {@code gridwire_ws_devices_rejected_total{reason}}, {@code
 * gridwire_ws_devices_throttled_total}, {@code gridwire_ws_devices_auth_failures_total}, {@code
 * gridwire_ws_devices_auth_timeouts_total}, {@code gridwire_ws_devices_bad_timestamps_total}.
 */
public final class DeviceCounters {
  private final MeterRegistry registry;
  final Counter received;
  final Counter throttled;
  final Counter authFailures;
  final Counter authTimeouts;
  final Counter badTimestamps;
  final Counter sendsRefused;
  private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

  public DeviceCounters(MeterRegistry registry, DeviceSessions sessions) {
    this.registry = registry;
    Gauge.builder("gridwire.ws.devices.connected", sessions, DeviceSessions::size)
        .description("authenticated device sessions on this node").register(registry);
    received = Counter.builder("gridwire.ws.devices.messages").description("telemetry messages accepted").register(registry);
    throttled = Counter.builder("gridwire.ws.devices.throttled").description("messages dropped by the per-session rate limit")
        .register(registry);
    authFailures = Counter.builder("gridwire.ws.devices.auth.failures").description("refused device authentications")
        .register(registry);
    badTimestamps = Counter.builder("gridwire.ws.devices.bad.timestamps")
        .description("telemetry messages whose impossible timestamp was replaced by the receive time").register(registry);
    sendsRefused = Counter.builder("gridwire.ws.devices.sends.refused")
        .description("notices and commands not sent: 64 frames already waited for a device that does not read its connection")
        .register(registry);
    authTimeouts = Counter.builder("gridwire.ws.devices.auth.timeouts").description("connections closed without authenticating")
        .register(registry);
  }

  Counter rejected(String reason) {
    return rejected.computeIfAbsent(reason, r -> Counter.builder("gridwire.ws.devices.rejected").tag("reason", r)
        .description("device messages refused (not JSON, too large, too deep, ...)").register(registry));
  }

  public double rejectedTotal() {
    return rejected.values().stream().mapToDouble(Counter::count).sum();
  }

  public double throttledTotal() {
    return throttled.count();
  }
}
