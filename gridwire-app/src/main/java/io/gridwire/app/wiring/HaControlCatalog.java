package io.gridwire.app.wiring;

import io.gridwire.core.device.Device;
import io.gridwire.core.device.Source;
import io.gridwire.modbus.poll.ModbusPoller;
import io.gridwire.modbus.profile.CommandDef;
import io.gridwire.mqtt.control.ControlCatalog;
import io.gridwire.mqtt.control.ControlEntity;
import io.gridwire.oig.field.OigFieldTable;
import io.gridwire.oig.setting.OigSettings;
import io.gridwire.oig.setting.SettingItem;
import io.gridwire.oig.setting.SettingWhitelist;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Home Assistant controls of each device (mqtt.ha_controls, docs/mqtt.md). An OIG box gets,
 * all from the setting whitelist and each showing the value the box reports:
 *
 * <ul>
 *   <li>a select of its operating mode (options: the whitelist's mode labels);
 *   <li>a number for every numeric item (not a 0/1 flag, no labels), with the whitelist's bounds
 *       and unit: battery charge limits, boiler power, priority and zones;
 *   <li>a switch for each boiler control flag ({@link #SWITCHES}).
 * </ul>
 *
 * The grid export limit ({@code tbl_invertor_prm1/P_MAX_FEED_GRID}) is not whitelisted (no
 * documented bounds), so it has no entity. A Modbus device gets one button per named command of
 * its profile. Thread-safe.
 */
final class HaControlCatalog implements ControlCatalog {
  static final String MODE_TARGET = "tbl_box_prms/MODE";
  /** The whitelist's flags that are boiler controls (protocols/oig.md §5: tbl_boiler_prms ISON, MANUAL 0/1). */
  static final List<String> SWITCHES = List.of("tbl_boiler_prms/ISON", "tbl_boiler_prms/MANUAL");

  private final Supplier<ModbusPoller> modbus;
  private final List<ControlEntity> oig;

  /** @param modbus the poller, or null while Modbus is off (read at each call) */
  HaControlCatalog(Supplier<ModbusPoller> modbus) {
    this.modbus = modbus;
    this.oig = oigControls(SettingWhitelist.standard());
  }

  static List<ControlEntity> oigControls(SettingWhitelist whitelist) {
    List<ControlEntity> out = new ArrayList<>();
    SettingItem modeItem = whitelist.require(MODE_TARGET);
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < modeItem.labels().size(); i++) options.put(Long.toString(modeItem.min() + i), modeItem.labels().get(i));
    out.add(ControlEntity.select("mode", "Operating mode", OigSettings.KIND, MODE_TARGET, options, metric(modeItem)));
    for (SettingItem i : whitelist.items()) {
      if (!i.labels().isEmpty() || flag(i)) continue;
      out.add(ControlEntity.number(metric(i), sentence(i.meaning()), OigSettings.KIND, i.target(),
          new ControlEntity.Bounds(i.min(), i.max(), i.step(), i.unit()), metric(i)));
    }
    for (String target : SWITCHES) {
      SettingItem i = whitelist.require(target);
      if (!flag(i)) throw new IllegalStateException(target + " is not a 0/1 flag in the whitelist");
      out.add(ControlEntity.onOff(metric(i), sentence(i.meaning()), OigSettings.KIND, i.target(), metric(i)));
    }
    return List.copyOf(out);
  }

  private static boolean flag(SettingItem i) {
    return i.min() == 0 && i.max() == 1 && i.unit().isEmpty();
  }

  /** The metric in which the box reports the item (setting frames address bank 0, ID_SubD 0). */
  private static String metric(SettingItem i) {
    return OigFieldTable.metricName(i.table(), i.item(), 0);
  }

  private static String sentence(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  @Override
  public List<ControlEntity> controls(Device device) {
    if (device.source() == Source.OIG) return oig;
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
