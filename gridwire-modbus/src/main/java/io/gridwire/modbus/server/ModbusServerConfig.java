package io.gridwire.modbus.server;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Modbus TCP server façade: which polled devices it serves, where, and its bounds.
 *
 * @param host address to listen on (required: say 0.0.0.0 explicitly to serve the network)
 * @param port the shared port, where each device answers as its {@code unitId} (1..65535)
 * @param devices served devices; each has a unit id on the shared port or a port of its own
 * @param maxConnections open client connections at most, all ports together (default 16, at most 1000: one thread each)
 * @param maxRequestsPerSecond requests one connection may send per second; more are answered
 *     with exception 0x06 (server busy) (default 200)
 * @param idleTimeout a connection without a request for this long is closed (default 60 s)
 * @param passThrough FC03/FC04 reads of ranges no block polls are read from the device within
 *     its poll loop (at most 4 queued per device) instead of answered with exception 0x02
 * @param writeTimeout how long a whitelisted write may take through the command ledger before the
 *     client is answered 0x06 (still queued: the command is cancelled) or 0x0B (sent, not confirmed)
 *     (default 5 s, 1 s .. 10 min)
 * @param maxPendingWrites writes one served device may have waiting for the ledger, all
 *     connections together; one more is answered 0x06 (default 4, 1..100). A connection is
 *     answered in order, so it holds at most one.
 */
public record ModbusServerConfig(String host, int port, List<Served> devices, int maxConnections, int maxRequestsPerSecond,
    Duration idleTimeout, boolean passThrough, Duration writeTimeout, int maxPendingWrites) {

  /** As the full constructor, without writes (no device has a whitelist). */
  public ModbusServerConfig(String host, int port, List<Served> devices, int maxConnections, int maxRequestsPerSecond,
      Duration idleTimeout, boolean passThrough) {
    this(host, port, devices, maxConnections, maxRequestsPerSecond, idleTimeout, passThrough, null, 0);
  }

  /** Which table a whitelisted range is in: holding registers (FC06/FC16) or coils (FC05/FC15). */
  public enum Table {
    HOLDING,
    COIL;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the allowed tables */
    public static Table fromWire(String s) {
      for (Table t : values()) if (t.wireName().equals(s)) return t;
      throw new IllegalArgumentException("unknown table '" + s + "' (expected holding or coil)");
    }
  }

  /**
   * A range a Modbus client may write through the façade.
   *
   * @param table holding registers or coils
   * @param address first address (zero-based PDU address, 0..65535)
   * @param count how many, 1..65536 − address
   */
  public record Writable(Table table, int address, int count) {
    public Writable {
      if (table == null) throw new IllegalArgumentException("table is required (holding or coil)");
      if (address < 0 || address > 65535) throw new IllegalArgumentException("address out of range 0..65535: " + address);
      if (count < 1 || address + count > 65536) {
        throw new IllegalArgumentException("count out of range 1.." + (65536 - address) + ": " + count);
      }
    }

    boolean covers(Table t, int first, int n) {
      return t == table && first >= address && first + n <= address + count;
    }
  }

  /**
   * @param device id of a polled Modbus device
   * @param unitId its unit id on the shared port (1..247), or 0 when it has a port of its own
   * @param port a port of its own where it answers whatever unit id is asked, or 0
   * @param writable the ranges clients may write (through the command ledger, with read-back);
   *     empty: writes are answered 0x01 as for a read-only server
   */
  public record Served(String device, int unitId, int port, List<Writable> writable) {
    public Served {
      String key = "modbus.server.devices[" + device + "].";
      if (device == null || device.isBlank()) throw new IllegalArgumentException("modbus.server.devices[].device is required");
      if ((unitId == 0) == (port == 0)) throw new IllegalArgumentException(key + "unit_id or port: set exactly one");
      if (unitId < 0 || unitId > 247) throw new IllegalArgumentException(key + "unit_id out of range 1..247: " + unitId);
      if (port < 0 || port > 65535) throw new IllegalArgumentException(key + "port out of range: " + port);
      writable = writable == null ? List.of() : List.copyOf(writable);
    }

    public Served(String device, int unitId, int port) {
      this(device, unitId, port, List.of());
    }

    /** True when every address {@code first .. first+n-1} of {@code table} lies in one whitelisted range. */
    public boolean writable(Table table, int first, int n) {
      for (Writable w : writable) if (w.covers(table, first, n)) return true;
      return false;
    }
  }

  public ModbusServerConfig {
    if (host == null || host.isBlank()) throw new IllegalArgumentException("modbus.server.host is required (e.g. 127.0.0.1, or 0.0.0.0 for every interface)");
    devices = devices == null ? List.of() : List.copyOf(devices);
    boolean shared = devices.stream().anyMatch(d -> d.unitId() != 0);
    if (shared && port == 0) throw new IllegalArgumentException("modbus.server.port is required when a device is served by unit_id");
    if (shared && (port < 1 || port > 65535)) throw new IllegalArgumentException("modbus.server.port out of range 1..65535: " + port);
    if (devices.isEmpty()) throw new IllegalArgumentException("modbus.server.devices must name at least one polled device");
    maxConnections = maxConnections == 0 ? 16 : maxConnections;
    if (maxConnections < 1 || maxConnections > 1_000) throw new IllegalArgumentException("modbus.server.max_connections out of range 1..1000: " + maxConnections);
    maxRequestsPerSecond = maxRequestsPerSecond == 0 ? 200 : maxRequestsPerSecond;
    if (maxRequestsPerSecond < 1) throw new IllegalArgumentException("modbus.server.max_requests_per_second must be ≥ 1: " + maxRequestsPerSecond);
    idleTimeout = idleTimeout == null ? Duration.ofSeconds(60) : idleTimeout;
    if (!idleTimeout.isPositive()) throw new IllegalArgumentException("modbus.server.idle_timeout must be positive: " + idleTimeout);
    writeTimeout = writeTimeout == null ? Duration.ofSeconds(5) : writeTimeout;
    if (writeTimeout.compareTo(Duration.ofSeconds(1)) < 0 || writeTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("modbus.server.write_timeout out of range 1s..10m: " + writeTimeout);
    }
    maxPendingWrites = maxPendingWrites == 0 ? 4 : maxPendingWrites;
    if (maxPendingWrites < 1 || maxPendingWrites > 100) {
      throw new IllegalArgumentException("modbus.server.max_pending_writes out of range 1..100: " + maxPendingWrites);
    }
    Set<String> ids = new HashSet<>();
    Set<Integer> units = new HashSet<>();
    Set<Integer> ports = new HashSet<>(shared ? Set.of(port) : Set.of());
    for (Served d : devices) {
      if (!ids.add(d.device())) throw new IllegalArgumentException("modbus.server.devices[" + d.device() + "] is served twice");
      if (d.unitId() != 0 && !units.add(d.unitId())) {
        throw new IllegalArgumentException("modbus.server.devices[" + d.device() + "].unit_id " + d.unitId() + " is taken by another device");
      }
      if (d.port() != 0 && !ports.add(d.port())) {
        throw new IllegalArgumentException("modbus.server.devices[" + d.device() + "].port " + d.port() + " is taken");
      }
    }
  }
}
