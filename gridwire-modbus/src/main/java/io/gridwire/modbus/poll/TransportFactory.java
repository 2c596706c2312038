package io.gridwire.modbus.poll;

import io.gridwire.modbus.client.ModbusTransport;
import io.gridwire.modbus.client.NioTcpTransport;
import io.gridwire.modbus.client.RtuTransport;
import io.gridwire.modbus.client.SerialLink;
import io.gridwire.modbus.client.SocketLink;
import io.gridwire.modbus.client.TcpReactor;
import io.gridwire.modbus.client.Ticker;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Creates the transports of a device list: one per TCP device, one per RTU converter or serial port. */
@FunctionalInterface
public interface TransportFactory {
  /** Transports by device id; devices behind one converter get the same instance. */
  Map<String, ModbusTransport> create(List<ModbusDeviceConfig> devices);

  /**
   * Sockets on 127.0.0.1 or the network, as configured. Modbus TCP devices share one
   * {@link TcpReactor} thread (stopped when the last of its devices is closed); each RTU-over-TCP
   * converter and each serial port gets one {@link RtuTransport} on a blocking link driven by its
   * devices' threads (its gaps dominate anyway).
   */
  static TransportFactory sockets(Duration connectTimeout) {
    return sockets(connectTimeout, DEFAULT_MIN_PASS);
  }

  /**
   * Least time between two passes of the TCP reactor (1 ms): under load one wake-up serves every
   * answer that arrived meanwhile; adds at most this much to a round trip (docs/perf/modbus.md).
   */
  Duration DEFAULT_MIN_PASS = Duration.ofMillis(1);

  /** As {@link #sockets(Duration)} with the TCP reactor's minimum pass interval given (zero: none). */
  static TransportFactory sockets(Duration connectTimeout, Duration minPass) {
    return devices -> {
      Map<String, Duration> gapByEndpoint = new HashMap<>();
      for (ModbusDeviceConfig d : devices) {
        if (d.transport() != TransportKind.TCP) gapByEndpoint.merge(d.endpoint(), d.turnaroundGap(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
      }
      Map<String, ModbusTransport> converters = new HashMap<>();
      boolean anyTcp = devices.stream().anyMatch(d -> d.transport() == TransportKind.TCP);
      TcpReactor reactor = anyTcp ? new TcpReactor("modbus-tcp-io", minPass) : null;
      Map<String, ModbusTransport> out = new HashMap<>();
      for (ModbusDeviceConfig d : devices) {
        out.put(d.id(), switch (d.transport()) {
          case TCP -> new NioTcpTransport(reactor, d.host(), d.port(), connectTimeout);
          case RTU_OVER_TCP -> converters.computeIfAbsent(d.endpoint(), k -> new RtuTransport(
              SocketLink.to(d.host(), d.port()), connectTimeout, gapByEndpoint.get(k), Ticker.SYSTEM));
          case RTU_SERIAL -> converters.computeIfAbsent(d.endpoint(), k -> new RtuTransport(
              SerialLink.to(d.serial()), connectTimeout, gapByEndpoint.get(k), d.serial().charTime(), Ticker.SYSTEM));
        });
      }
      return out;
    };
  }
}
