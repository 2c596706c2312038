package io.gridwire.modbus.config;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import io.gridwire.core.config.Durations;
import io.gridwire.modbus.server.ModbusServerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@code modbus.server} section: the Modbus TCP server façade, through which other Modbus clients read polled devices. */
public record ModbusServerSection(
    @Doc("Answer Modbus TCP clients for the devices listed below, from their latest poll (docs/modbus.md, Server façade).") boolean enabled,
    @Doc("Address to listen on (required when enabled): 127.0.0.1 for this host only, 0.0.0.0 for every interface.") String host,
    @Doc("Shared port where each device listed with a unit_id answers as that unit (required when one is).") Integer port,
    @Doc("Open client connections at most (1..1000, one thread each), all ports together; more are closed at once and counted.") int maxConnections,
    @Doc("Requests per second one connection may send; beyond, exception 0x06 (server busy).") int maxRequestsPerSecond,
    @Doc("A connection without a request for this long is closed.") Duration idleTimeout,
    @Doc("Devices served (a list; see the keys below).") List<ModbusServedDevice> devices,
    @Doc("Reads of registers no profile block polls are read from the device within its poll loop (at most 4 queued per device) instead of answered with exception 0x02.") boolean passThrough,
    @Doc("How long a whitelisted write may take through the command ledger (1s..10m); then a write still queued is cancelled"
        + " and answered 0x06 (server busy), one already sent is answered 0x0B and the ledger follows it to its end.") Duration writeTimeout,
    @Doc("Writes one served device may have waiting for the ledger, all connections together (1..100; a connection is answered"
        + " in order, so it holds at most one); one more is answered 0x06.") int maxPendingWrites) {
  public ModbusServerSection {
    devices = devices == null ? List.of() : List.copyOf(devices);
    if (enabled) {
      Check.nonBlank("modbus.server.host", host);
      if (devices.isEmpty()) throw new IllegalArgumentException("modbus.server.devices must name at least one polled device when enabled");
      for (int i = 0; i < devices.size(); i++) {
        if (devices.get(i) == null) throw new IllegalArgumentException("modbus.server.devices[" + i + "] is empty");
        Check.nonBlank("modbus.server.devices[" + i + "].device", devices.get(i).device());
        devices.get(i).ranges("modbus.server.devices[" + i + "]"); // rules between entries: settings(), at config check
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

  /** Off; 16 connections, 200 requests/s each, 60 s idle, no pass-through, writes 5 s and 4 pending per device. */
  public static ModbusServerSection defaults() {
    return new ModbusServerSection(false, null, null, 16, 200, Duration.ofSeconds(60), List.of(), false, Duration.ofSeconds(5), 4);
  }

  /**
   * The façade's settings (call only when {@link #enabled}), with the rules between entries: a
   * unit id or port taken twice, a unit id out of range, a shared port needed.
   *
   * @throws IllegalArgumentException naming the key path
   */
  public ModbusServerConfig settings() {
    List<ModbusServerConfig.Served> served = new ArrayList<>();
    for (int i = 0; i < devices.size(); i++) served.add(devices.get(i).toServed("modbus.server.devices[" + i + "]"));
    return new ModbusServerConfig(host, port == null ? 0 : port, served, maxConnections, maxRequestsPerSecond,
        idleTimeout, passThrough, writeTimeout, maxPendingWrites);
  }
}
