package io.gridwire.modbus.poll;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Modbus poller's configuration.
 *
 * @param devices polled devices (default none); ids unique
 * @param profileFolder folder of user profile files ({@code *.yaml}), or null for built-ins only
 * @param connectTimeout TCP connect timeout (default 3 s)
 */
public record ModbusConfig(List<ModbusDeviceConfig> devices, Path profileFolder, Duration connectTimeout) {
  public ModbusConfig {
    devices = devices == null ? List.of() : List.copyOf(devices);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < devices.size(); i++) {
      if (!ids.add(devices.get(i).id())) {
        throw new IllegalArgumentException("modbus.devices[" + i + "].id duplicates '" + devices.get(i).id() + "'");
      }
    }
    samePortSettings(devices);
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(3) : connectTimeout;
    if (!connectTimeout.isPositive()) throw new IllegalArgumentException("modbus.connectTimeout must be positive");
  }

  /**
   * Devices sharing a serial port must agree on baud rate, parity and stop bits. The message names
   * the keys as the file does, {@code modbus.devices[2].serial_port}, like every other check.
   */
  private static void samePortSettings(List<ModbusDeviceConfig> devices) {
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; i < devices.size(); i++) {
      ModbusDeviceConfig d = devices.get(i);
      if (d.serial() == null) continue;
      Integer fi = first.putIfAbsent(d.serial().port(), i);
      ModbusDeviceConfig f = fi == null ? null : devices.get(fi);
      if (f != null && !f.serial().equals(d.serial())) {
        throw new IllegalArgumentException("modbus.devices[" + i + "].serial_port is " + d.serial().describe()
            + " but modbus.devices[" + fi + "] is " + f.serial().describe() + ": one port has one setting");
      }
    }
  }

  public static ModbusConfig of(List<ModbusDeviceConfig> devices) {
    return new ModbusConfig(devices, null, null);
  }
}
