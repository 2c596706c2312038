package io.gridwire.app.config;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import io.gridwire.core.config.Durations;
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
    @Doc("Reads of registers no profile block polls are read from the device within its poll loop (at most 4 queued per device) instead of answered with exception 0x02.") boolean passThrough,
    @Doc("How long a whitelisted write may take through the command ledger (1s..10m); then a write still queued is cancelled"
        + " and answered 0x06 (server busy), one already sent is answered 0x0B and the ledger follows it to its end.") Duration writeTimeout,
    @Doc("Writes one served device may have waiting for the ledger, all connections together (1..100; a connection is answered"
        + " in order, so it holds at most one); one more is answered 0x06.") int maxPendingWrites) {
  public ModbusServerConfig {
    devices = devices == null ? List.of() : List.copyOf(devices);
    if (enabled) {
      Check.nonBlank("modbus.server.host", host);
      if (devices.isEmpty()) throw new IllegalArgumentException("modbus.server.devices must name at least one polled device when enabled");
      for (int i = 0; i < devices.size(); i++) {
        if (devices.get(i) == null) throw new IllegalArgumentException("modbus.server.devices[" + i + "] is empty");
        Check.nonBlank("modbus.server.devices[" + i + "].device", devices.get(i).device());
        writable("modbus.server.devices[" + i + "].writable", devices.get(i).writable());
      }
    }
    Check.range("modbus.server.max_connections", maxConnections, 1, 1_000);
    Check.range("modbus.server.max_requests_per_second", maxRequestsPerSecond, 1, 1_000_000);
    Check.positive("modbus.server.idle_timeout", idleTimeout);
    Check.positive("modbus.server.write_timeout", writeTimeout);
    if (writeTimeout.compareTo(Duration.ofSeconds(1)) < 0 || writeTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("modbus.server.write_timeout out of range 1s..10m: " + Durations.format(writeTimeout));
    }
    Check.range("modbus.server.max_pending_writes", maxPendingWrites, 1, 100);
  }

  /** Each range: a known table, an address 0..65535, a count that stays inside the address space. */
  private static void writable(String key, List<ModbusWritableConfig> ranges) {
    for (int j = 0; j < ranges.size(); j++) {
      String path = key + "[" + j + "]";
      ModbusWritableConfig w = ranges.get(j);
      if (w == null) throw new IllegalArgumentException(path + " is empty");
      if (w.table() == null || !(w.table().equals("holding") || w.table().equals("coil"))) {
        throw new IllegalArgumentException(path + ".table must be holding or coil, was " + (w.table() == null ? "unset" : "'" + w.table() + "'"));
      }
      if (w.address() == null) throw new IllegalArgumentException(path + ".address is required (0..65535)");
      Check.range(path + ".address", w.address(), 0, 65535);
      if (w.count() != null) Check.range(path + ".count", w.count(), 1, 65536 - w.address());
    }
  }

  public static ModbusServerConfig defaults() {
    return new ModbusServerConfig(false, null, null, 16, 200, Duration.ofSeconds(60), List.of(), false, Duration.ofSeconds(5), 4);
  }
}
