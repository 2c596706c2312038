package io.gridwire.wsdevice;

import io.gridwire.core.admission.DeviceAdmission;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.cluster.Cluster;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.user.DeviceCredentials;
import io.gridwire.core.user.UserStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What the WebSocket device connector works with; all shared with the rest of the gateway, never
 * closed by the connector.
 *
 * @param devices where connected devices are registered, seen and set offline
 * @param readings where telemetry is published
 * @param events where {@code command_sent} and {@code command_answered} are published
 * @param users the owners of device tokens
 * @param credentials checks what a device presents (the web module's {@code DeviceLogin})
 * @param admission the gate new devices of source {@code ws} pass
 * @param meters where the {@code gridwire_ws_devices_*} meters go
 * @param cluster the fleet this node belongs to, or null for a single node
 * @param healthy whether the gateway is healthy now ({@code GET /devices/health}); null: always
 */
public record WsDeviceDependencies(
    DeviceRegistry devices,
    Bus<Reading> readings,
    Bus<Event> events,
    UserStore users,
    DeviceCredentials credentials,
    DeviceAdmission admission,
    MeterRegistry meters,
    Clock clock,
    Cluster cluster,
    BooleanSupplier healthy) {

  public WsDeviceDependencies {
    Objects.requireNonNull(devices, "devices");
    Objects.requireNonNull(readings, "readings");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(admission, "admission");
    Objects.requireNonNull(meters, "meters");
    Objects.requireNonNull(clock, "clock");
    healthy = healthy == null ? () -> true : healthy;
  }
}
