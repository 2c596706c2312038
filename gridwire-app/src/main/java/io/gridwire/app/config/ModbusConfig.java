package io.gridwire.app.config;

import java.time.Duration;
import java.util.List;

/** The Modbus poller (SPEC §3.1). */
public record ModbusConfig(
    @Doc("Folder of user register profiles (YAML); empty = built-ins only.") String profilesDir,
    @Doc("TCP connect timeout.") Duration connectTimeout,
    @Doc("Devices to poll (a list; see the per-device keys below).") List<ModbusDeviceConfig> devices,
    @Doc("Modbus TCP server façade (off by default).") ModbusServerConfig server) {
  public ModbusConfig {
    server = Check.orDefault(server, ModbusServerConfig.defaults());
    devices = devices == null ? List.of() : List.copyOf(devices);
    Check.positive("modbus.connect_timeout", connectTimeout);
    for (int i = 0; i < devices.size(); i++) {
      ModbusDeviceConfig d = devices.get(i);
      if (d == null) throw new IllegalArgumentException("modbus.devices[" + i + "] is empty");
      Check.nonBlank("modbus.devices[" + i + "].id", d.id());
      Check.nonBlank("modbus.devices[" + i + "].profile", d.profile());
      if ("rtu-serial".equalsIgnoreCase(d.transport())) Check.nonBlank("modbus.devices[" + i + "].serial_port", d.serialPort());
      else Check.nonBlank("modbus.devices[" + i + "].host", d.host());
      if (d.client() != null && !List.of("reactor", "digitalpetri").contains(d.client().toLowerCase(java.util.Locale.ROOT))) {
        throw new IllegalArgumentException("modbus.devices[" + i + "].client must be reactor or digitalpetri: " + d.client());
      }
    }
  }

  public static ModbusConfig defaults() {
    return new ModbusConfig(null, Duration.ofSeconds(3), List.of(), ModbusServerConfig.defaults());
  }
}
