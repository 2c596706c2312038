package io.gridwire.app.config;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
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
      if (devices.get(i) == null) throw new IllegalArgumentException("modbus.devices[" + i + "] is empty");
    }
    // each device's values are checked by the wiring's ModbusDeviceValidation, shared with the API
  }

  public static ModbusConfig defaults() {
    return new ModbusConfig(null, Duration.ofSeconds(3), List.of(), ModbusServerConfig.defaults());
  }
}
