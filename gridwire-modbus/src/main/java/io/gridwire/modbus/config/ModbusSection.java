package io.gridwire.modbus.config;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import io.gridwire.modbus.poll.ModbusConfig;
import io.gridwire.modbus.poll.ModbusDeviceConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code modbus} section: the poller (SPEC §3.1) and the server façade. Each device's values
 * are checked by {@link ModbusDeviceEntry#problems}, which lists every problem (the API's check
 * too), not when the file is bound.
 */
public record ModbusSection(
    @Doc("Folder of user register profiles (YAML); empty = built-ins only.") String profilesDir,
    @Doc("TCP connect timeout.") Duration connectTimeout,
    @Doc("Devices to poll (a list; see the per-device keys below).") List<ModbusDeviceEntry> devices,
    @Doc("Modbus TCP server façade (off by default).") ModbusServerSection server) {
  public ModbusSection {
    server = Check.orDefault(server, ModbusServerSection.defaults());
    devices = devices == null ? List.of() : List.copyOf(devices);
    Check.positive("modbus.connect_timeout", connectTimeout);
    for (int i = 0; i < devices.size(); i++) {
      if (devices.get(i) == null) throw new IllegalArgumentException("modbus.devices[" + i + "] is empty");
    }
  }

  /** No profile folder, a 3 s connect timeout, no devices, the façade off. */
  public static ModbusSection defaults() {
    return new ModbusSection(null, Duration.ofSeconds(3), List.of(), ModbusServerSection.defaults());
  }

  /** The user profile folder, or null for built-ins only. */
  public Path profileFolder() {
    return profilesDir == null || profilesDir.isBlank() ? null : Path.of(profilesDir);
  }

  /**
   * The poller's configuration: every device and the rules between devices (one id once, one
   * serial port one setting).
   *
   * @throws IllegalArgumentException naming the first invalid key
   */
  public ModbusConfig settings() {
    List<ModbusDeviceConfig> polled = devices.stream().map(ModbusDeviceEntry::toDevice).toList();
    return new ModbusConfig(polled, profileFolder(), connectTimeout);
  }
}
