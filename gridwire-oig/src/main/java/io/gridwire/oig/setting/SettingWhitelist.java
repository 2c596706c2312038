package io.gridwire.oig.setting;

import io.gridwire.core.command.CommandRefused;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OIG box settings the gateway may send, with bounds, each from protocols/oig.md §4.1 and §5
 * (which cite oig-proxy {@code settings_constraints.py}, oig_cloud {@code ALL_BOX_MODES} and the
 * proxy's {@code sensor_map.json}). Anything else is refused. Immutable, thread-safe.
 *
 * <p>Not listed on purpose: {@code tbl_invertor_prm1/P_MAX_FEED_GRID} (grid export limit, W): the
 * notes name the item but document no bounds, and the whitelist the notes cite leaves it out.
 */
public final class SettingWhitelist {
  private static final String CONSTRAINTS = "protocols/oig.md §5, oig-proxy settings_constraints.py";
  private static final String MODES = "protocols/oig.md §4.1, oig_cloud ALL_BOX_MODES and sensor_map enum_map; range "
      + CONSTRAINTS;
  private static final List<String> MODE_LABELS = List.of("Home 1", "Home 2", "Home 3", "Home UPS", "Home 5", "Home 6");

  private final Map<String, SettingItem> items = new LinkedHashMap<>();

  private SettingWhitelist(List<SettingItem> list) {
    for (SettingItem i : list) items.put(i.target(), i);
  }

  public static SettingWhitelist standard() {
    List<SettingItem> l = new ArrayList<>();
    l.add(new SettingItem("tbl_box_prms", "MODE", "", 0, 5, 1, MODE_LABELS, "operating mode", MODES));
    l.add(percent("tbl_box_prms", "BAT_AC", 0, "battery charge target from AC (grid)"));
    l.add(flag("tbl_box_prms", "BAT_FORMAT", "battery formatting"));
    l.add(flag("tbl_box_prms", "SA", "ask the box to send all data now"));
    l.add(flag("tbl_box_prms", "RQRESET", "reset the box display"));
    l.add(flag("tbl_batt_prms", "FMT_ON", "battery formatting / balancing on"));
    l.add(percent("tbl_batt_prms", "BAT_MIN", 20, "minimum battery charge for discharging"));
    l.add(percent("tbl_batt_prms", "BAT_GL_MIN", 0, "minimum battery charge, grid-loss reserve"));
    l.add(percent("tbl_batt_prms", "BAT_AG_MIN", 0, "minimum battery charge, AG reserve"));
    for (String f : List.of("ISON", "MANUAL", "SSR0", "SSR1", "SSR2")) l.add(flag("tbl_boiler_prms", f, "boiler control " + f));
    l.add(new SettingItem("tbl_boiler_prms", "PRRTY", "", 0, 2, 1, List.of(), "boiler priority", CONSTRAINTS));
    l.add(new SettingItem("tbl_boiler_prms", "P_SET", "W", 0, 10_000, 100, List.of(), "boiler power set point", CONSTRAINTS));
    l.add(new SettingItem("tbl_boiler_prms", "WD", "", 0, 500_000, 100, List.of(), "boiler WD", CONSTRAINTS));
    for (int z = 1; z <= 4; z++) {
      for (String edge : List.of("S", "E")) {
        l.add(new SettingItem("tbl_boiler_prms", "ZONE" + z + "_" + edge, "s", 0, 86_399, 60, List.of(),
            "boiler zone " + z + (edge.equals("S") ? " start" : " end") + ", seconds of the day", CONSTRAINTS));
      }
    }
    l.add(flag("tbl_invertor_prm1", "BUZ_MUT", "inverter buzzer mute"));
    l.add(flag("tbl_invertor_prm1", "GEN_AC_SRC", "generator as AC source"));
    return new SettingWhitelist(l);
  }

  private static SettingItem percent(String table, String item, long min, String meaning) {
    return new SettingItem(table, item, "%", min, 100, 1, List.of(), meaning, CONSTRAINTS);
  }

  private static SettingItem flag(String table, String item, String meaning) {
    return new SettingItem(table, item, "", 0, 1, 1, List.of(), meaning, CONSTRAINTS);
  }

  public List<SettingItem> items() {
    return List.copyOf(items.values());
  }

  public Optional<SettingItem> find(String target) {
    return Optional.ofNullable(items.get(target));
  }

  /**
   * The whitelisted item of {@code target} ({@code table/ITEM}).
   *
   * @throws CommandRefused 400 naming the settable items
   */
  public SettingItem require(String target) {
    SettingItem i = items.get(target);
    if (i == null) {
      throw CommandRefused.invalid("'" + target + "' is not a settable OIG item (settable: " + String.join(", ", items.keySet())
          + ")");
    }
    return i;
  }
}
