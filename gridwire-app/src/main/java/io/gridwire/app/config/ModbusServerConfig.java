package io.gridwire.app.config;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import java.time.Duration;
import java.util.List;

/** The Modbus TCP server façade: other Modbus clients read polled devices through Gridwire. */
public record ModbusServerConfig(
    @Doc("Answer Modbus TCP clients for the devices listed below, from their latest poll (docs/modbus.md, Server façade).") boolean enabled,
    @Doc("Address to listen on (required when enabled): 127.0.0.1 for this host only, 0.0.0.0 for every interface.") String host,
    @Doc("Shared port where each device listed with a unit_id answers as that unit (required when one is).") Integer port,
    @Doc("Open client connections at most (1..1000, one thread each), all ports together; more are closed at once and counted.") int maxConnections,
    @Doc("Requests per second one connection may send; beyond, exception 0x06 (server busy).") int maxRequestsPerSecond,
    @Doc("A connection without a request for this long is closed.") Duration idleTimeout,
    @Doc("Devices served (a list; see the keys below).") List<ModbusServedDeviceConfig> devices,
    @Doc("Reads of registers no profile block polls are read from the device within its poll loop (at most 4 queued per device) instead of answered with exception 0x02.") boolean passThrough) {
  public ModbusServerConfig {
    devices = devices == null ? List.of() : List.copyOf(devices);
    if (enabled) {
      Check.nonBlank("modbus.server.host", host);
      if (devices.isEmpty()) throw new IllegalArgumentException("modbus.server.devices must name at least one polled device when enabled");
      for (int i = 0; i < devices.size(); i++) {
        if (devices.get(i) == null) throw new IllegalArgumentException("modbus.server.devices[" + i + "] is empty");
        Check.nonBlank("modbus.server.devices[" + i + "].device", devices.get(i).device());
      }
    }
    Check.range("modbus.server.max_connections", maxConnections, 1, 1_000);
    Check.range("modbus.server.max_requests_per_second", maxRequestsPerSecond, 1, 1_000_000);
    Check.positive("modbus.server.idle_timeout", idleTimeout);
  }

  public static ModbusServerConfig defaults() {
    return new ModbusServerConfig(false, null, null, 16, 200, Duration.ofSeconds(60), List.of(), false);
  }
}
