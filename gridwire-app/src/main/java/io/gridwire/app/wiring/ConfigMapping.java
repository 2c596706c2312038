package io.gridwire.app.wiring;

import io.gridwire.app.config.GridwireConfig;
import java.nio.file.Path;
import java.util.List;

/** Maps the user-facing configuration tree to the adapters' own config records. */
final class ConfigMapping {
  private ConfigMapping() {}

  static io.gridwire.modbus.poll.ModbusConfig modbus(GridwireConfig c) {
    io.gridwire.app.config.ModbusConfig m = c.modbus();
    List<io.gridwire.modbus.poll.ModbusDeviceConfig> devices = new java.util.ArrayList<>();
    for (io.gridwire.app.config.ModbusDeviceConfig d : m.devices()) devices.add(modbusDevice(d));
    return new io.gridwire.modbus.poll.ModbusConfig(devices,
        m.profilesDir() == null || m.profilesDir().isBlank() ? null : Path.of(m.profilesDir()), m.connectTimeout());
  }

  /** The Modbus server façade's settings (call only when {@code modbus.server.enabled}). */
  static io.gridwire.modbus.server.ModbusServerConfig modbusServer(GridwireConfig c) {
    io.gridwire.app.config.ModbusServerConfig s = c.modbus().server();
    return new io.gridwire.modbus.server.ModbusServerConfig(s.host(), orZero(s.port()), s.devices().stream()
        .map(d -> new io.gridwire.modbus.server.ModbusServerConfig.Served(d.device(), orZero(d.unitId()), orZero(d.port()),
            d.writable().stream().map(w -> new io.gridwire.modbus.server.ModbusServerConfig.Writable(
                io.gridwire.modbus.server.ModbusServerConfig.Table.fromWire(w.table()), w.address(), w.count() == null ? 1 : w.count()))
                .toList())).toList(),
        s.maxConnections(), s.maxRequestsPerSecond(), s.idleTimeout(), s.passThrough(), s.writeTimeout(), s.maxPendingWrites());
  }

  /**
   * One device as the poller takes it.
   *
   * @throws io.gridwire.modbus.poll.DeviceConfigException naming the first invalid key
   */
  static io.gridwire.modbus.poll.ModbusDeviceConfig modbusDevice(io.gridwire.app.config.ModbusDeviceConfig d) {
    io.gridwire.modbus.poll.TransportKind transport;
    try {
      transport = io.gridwire.modbus.poll.TransportKind.fromWire(d.transport() == null ? "tcp" : d.transport());
    } catch (IllegalArgumentException e) {
      throw new io.gridwire.modbus.poll.DeviceConfigException(d.id(), "transport", e.getMessage().replaceFirst("^unknown transport ", "unknown: "));
    }
    if (d.client() != null) { // it chose between two Modbus TCP clients; one is left (docs/modbus.md)
      throw new io.gridwire.modbus.poll.DeviceConfigException(d.id(), "client",
          "was removed: Gridwire polls Modbus TCP with its own client only; delete the key (set to '" + d.client() + "')");
    }
    return new io.gridwire.modbus.poll.ModbusDeviceConfig(d.id(), d.name(), d.site(), d.kind(), d.profile(), transport,
        d.host(), orZero(d.port()), orZero(d.unitId()), d.interval(), d.timeout(), d.retryDelay(), d.maxRetryDelay(),
        d.turnaroundGap(), d.blockGap(), 0, serial(d));
  }

  /** The serial settings of an rtu-serial device (null when no serial key is set); defaults 9600 8N1. */
  private static io.gridwire.modbus.client.SerialSettings serial(io.gridwire.app.config.ModbusDeviceConfig d) {
    if (d.serialPort() == null && d.baud() == null && d.parity() == null && d.stopBits() == null) return null;
    if (d.serialPort() == null || d.serialPort().isBlank()) {
      throw new io.gridwire.modbus.poll.DeviceConfigException(d.id(), "serial_port", "is required with baud, parity or stop_bits");
    }
    try {
      return new io.gridwire.modbus.client.SerialSettings(d.serialPort(), d.baud() == null ? 9600 : d.baud(),
          d.parity() == null ? io.gridwire.modbus.client.SerialSettings.Parity.NONE : io.gridwire.modbus.client.SerialSettings.Parity.fromWire(d.parity()),
          d.stopBits() == null ? 1 : d.stopBits());
    } catch (IllegalArgumentException e) {
      // the settings' messages start with their key: "parity must be none, even or odd: mark"
      String[] keyAndProblem = e.getMessage().split(" ", 2);
      throw new io.gridwire.modbus.poll.DeviceConfigException(d.id(),
          com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(keyAndProblem[0]),
          keyAndProblem.length > 1 ? keyAndProblem[1] : "is invalid");
    }
  }

  private static int orZero(Integer v) {
    return v == null ? 0 : v;
  }

  /** The web server's settings that are no {@code http} key: the bcrypt cost of {@code auth}. */
  static io.gridwire.web.WebRuntime web(GridwireConfig c) {
    return io.gridwire.web.WebRuntime.DEFAULT.withBcryptCost(c.auth().bcryptCost());
  }
}
