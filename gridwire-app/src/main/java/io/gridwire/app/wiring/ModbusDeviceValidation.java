package io.gridwire.app.wiring;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.gridwire.app.config.ModbusDeviceConfig;
import io.gridwire.core.admission.DeviceIdRule;
import io.gridwire.modbus.poll.DeviceConfigException;
import io.gridwire.modbus.profile.ProfileLibrary;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one check of a Modbus device's configuration, shared by the configuration file
 * ({@code modbus.devices[i]}, at {@code gridwire config check} and at start) and the API
 * ({@code POST/PUT /api/devices}), so both report the same errors. The value rules themselves live
 * in the poller's {@link io.gridwire.modbus.poll.ModbusDeviceConfig}; this adds what needs the
 * gateway (known profiles, the id grammar) and collects every error instead of the first. Pure.
 */
public final class ModbusDeviceValidation {
  /** Keys without which no device can be built: a stand-in lets the check go on to the others. */
  private static final Set<String> REQUIRED = Set.of("id", "profile", "host");
  private static final int MAX_PROBLEMS = 32;

  private ModbusDeviceValidation() {}

  /**
   * Every problem of one device, each as {@code key problem} with the key relative to the device
   * ({@code unit_id out of range 0..247: 300}); empty when the device is valid.
   *
   * @param profiles the profiles the device may name; null to skip that check
   */
  public static List<String> problems(ModbusDeviceConfig d, ProfileLibrary profiles) {
    List<String> out = new ArrayList<>();
    if (d.id() != null && !d.id().isBlank() && DeviceIdRule.problem(d.id()) != null) {
      out.add("id refused: " + DeviceIdRule.problem(d.id()));
    }
    if (profiles != null && d.profile() != null && !d.profile().isBlank() && profiles.find(d.profile()).isEmpty()) {
      out.add("profile unknown: '" + d.profile() + "' (known: " + String.join(", ", profiles.names())
          + "; add one with POST /api/profiles or modbus.profiles_dir)");
    }
    ModbusDeviceConfig current = d;
    Set<String> seen = new java.util.HashSet<>();
    while (out.size() < MAX_PROBLEMS) {
      try {
        ConfigMapping.modbusDevice(current);
        break;
      } catch (DeviceConfigException e) {
        if (!seen.add(e.key())) break; // a rule between two keys (max_retry_delay ≥ retry_delay): reported once
        out.add(e.key() + " " + e.problem());
        ModbusDeviceConfig next = without(current, e.key());
        if (next == null) break;
        current = next;
      }
    }
    return out;
  }

  /** The poller's configuration of a device {@link #problems} found valid. */
  public static io.gridwire.modbus.poll.ModbusDeviceConfig toPoller(ModbusDeviceConfig d) {
    return ConfigMapping.modbusDevice(d);
  }

  /** The same device with {@code key} back at its default (a stand-in for required keys), or null when no such key. */
  private static ModbusDeviceConfig without(ModbusDeviceConfig d, String key) {
    RecordComponent[] components = ModbusDeviceConfig.class.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    boolean found = false;
    try {
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        values[i] = components[i].getAccessor().invoke(d);
        if (PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(components[i].getName()).equals(key)) {
          values[i] = REQUIRED.contains(key) ? "unset" : null;
          found = true;
        }
      }
      return found ? ModbusDeviceConfig.class.getDeclaredConstructor(types).newInstance(values) : null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot copy a Modbus device configuration", e);
    }
  }
}
