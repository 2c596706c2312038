package io.gridwire.app.wiring;

import io.gridwire.core.device.Device;
import io.gridwire.core.device.Source;
import io.gridwire.modbus.poll.ModbusPoller;
import io.gridwire.modbus.profile.CommandDef;
import io.gridwire.mqtt.control.ControlCatalog;
import io.gridwire.mqtt.control.ControlEntity;
import io.gridwire.oig.field.OigFieldTable;
import io.gridwire.oig.setting.OigSettings;
import io.gridwire.oig.setting.SettingWhitelist;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Home Assistant controls of each device (mqtt.ha_controls, docs/mqtt.md): an OIG box gets a
 * select of its operating mode (options: the whitelist's mode labels; state: the mode the box
 * reports), a Modbus device one button per named command of its profile. Thread-safe.
 */
final class HaControlCatalog implements ControlCatalog {
  static final String MODE_TARGET = "tbl_box_prms/MODE";

  private final Supplier<ModbusPoller> modbus;
  private final ControlEntity mode;

  /** @param modbus the poller, or null while Modbus is off (read at each call) */
  HaControlCatalog(Supplier<ModbusPoller> modbus) {
    this.modbus = modbus;
    List<String> labels = SettingWhitelist.standard().require(MODE_TARGET).labels();
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < labels.size(); i++) options.put(Integer.toString(i), labels.get(i));
    this.mode = ControlEntity.select("mode", "Operating mode", OigSettings.KIND, MODE_TARGET, options,
        OigFieldTable.metricName("tbl_box_prms", "MODE", 0));
  }

  @Override
  public List<ControlEntity> controls(Device device) {
    if (device.source() == Source.OIG) return List.of(mode);
    ModbusPoller poller = modbus.get();
    if (device.source() != Source.MODBUS || poller == null) return List.of();
    List<ControlEntity> out = new ArrayList<>();
    poller.writeTarget(device.id()).ifPresent(t -> {
      for (CommandDef c : t.profile().commands().list()) {
        out.add(ControlEntity.button(item(c.name()), label(c.name()), "genset", c.name()));
      }
    });
    return out;
  }

  private static String item(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
  }

  /** {@code breaker_close} → {@code Breaker close}. */
  private static String label(String name) {
    String s = name.replace('_', ' ');
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
