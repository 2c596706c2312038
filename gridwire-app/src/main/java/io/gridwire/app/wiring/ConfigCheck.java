package io.gridwire.app.wiring;

import io.gridwire.app.config.GridwireConfig;
import io.gridwire.modbus.config.ModbusDeviceEntry;
import io.gridwire.modbus.profile.ProfileException;
import io.gridwire.modbus.profile.ProfileLibrary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything the running gateway would refuse in a configuration that loaded, each with its key
 * path: {@code gridwire config check} prints them all, {@link Gateway#start} refuses to start on
 * any. A value the file binds but an adapter rejects is found here, not half-way through start.
 */
public final class ConfigCheck {
  private ConfigCheck() {}

  /** Every problem, e.g. {@code modbus.devices[0].unit_id out of range 0..247: 300}; empty when none. */
  public static List<String> problems(GridwireConfig c) {
    List<String> out = new ArrayList<>();
    ProfileLibrary profiles = profiles(c, out);
    Map<String, Integer> ids = new HashMap<>();
    List<ModbusDeviceEntry> devices = c.modbus().devices();
    for (int i = 0; i < devices.size(); i++) {
      String path = "modbus.devices[" + i + "].";
      ModbusDeviceEntry d = devices.get(i);
      for (String p : d.problems(profiles)) out.add(path + p);
      Integer first = d.id() == null ? null : ids.putIfAbsent(d.id(), i);
      if (first != null) out.add(path + "id '" + d.id() + "' is taken already by modbus.devices[" + first + "]");
    }
    if (out.isEmpty()) adapter(out, () -> c.modbus().settings()); // rules between devices (one serial line, one setting)
    if (c.modbus().server().enabled()) modbusServer(c, out);
    adapter(out, () -> c.storage().settings(java.nio.file.Path.of(c.node().dataDir())));
    adapter(out, () -> ConfigMapping.web(c));
    adapter(out, () -> c.wsDevices().settings());
    if (c.uplink().enabled()) adapter(out, () -> c.uplink().settings(null));
    if (c.influx().enabled()) adapter(out, () -> c.influx().settings(null));
    if (c.redis().enabled()) adapter(out, () -> io.gridwire.store.redis.RedisRuntime.of(c.node().id())); // node.id names the node in the fleet
    if (c.mqtt().enabled()) {
      String url = c.mqtt().embedded() ? "mqtt://127.0.0.1:1883" : c.mqtt().brokerUrl();
      adapter(out, () -> c.mqtt().settings(url, c.mqtt().username(), c.mqtt().password()));
    }
    return out;
  }

  /**
   * The façade's rules between keys (a unit id or port taken twice, a unit id out of range, a
   * whitelist range outside the address space), with their key paths.
   */
  private static void modbusServer(GridwireConfig c, List<String> out) {
    adapter(out, () -> c.modbus().server().settings());
  }

  /** The profiles devices may name: built-ins and {@code modbus.profiles_dir}; built-ins only (and a problem) when that folder is bad. */
  static ProfileLibrary profiles(GridwireConfig c, List<String> problems) {
    String dir = c.modbus().profilesDir();
    try {
      return dir == null || dir.isBlank() ? ProfileLibrary.builtIns() : ProfileLibrary.load(Path.of(dir));
    } catch (ProfileException e) {
      problems.add("modbus.profiles_dir " + e.getMessage());
      return ProfileLibrary.builtIns();
    }
  }

  private static void adapter(List<String> out, Supplier<Object> mapping) {
    try {
      mapping.get();
    } catch (RuntimeException e) {
      out.add(e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }
}
