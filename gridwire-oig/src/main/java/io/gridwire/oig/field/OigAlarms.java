package io.gridwire.oig.field;

import io.gridwire.core.alarm.AlarmDefinition;
import io.gridwire.core.alarm.AlarmTable;
import io.gridwire.core.alarm.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * The OIG box's warning groups ({@code tbl_invertor_prms} {@code ERR_PV}, {@code ERR_BATT},
 * {@code ERR_GRID}, {@code ERR_AC}, {@code ERR_ELSE}; protocols/oig.md) as alarms: each group is
 * one {@code warning}, active while its bit field is non-zero, with the raw bit field as the value
 * that matters (the per-bit wording is not documented beyond ERR_PV bit 8 "Solar input 1 loss").
 */
public final class OigAlarms {
  /** The table carrying the warning groups. */
  public static final String TABLE = "tbl_invertor_prms";
  private static final String[][] GROUPS = {
      {"ERR_PV", "PV (solar input) warning"},
      {"ERR_BATT", "Battery warning"},
      {"ERR_GRID", "Grid warning"},
      {"ERR_AC", "AC output warning"},
      {"ERR_ELSE", "Inverter warning"}};
  private static final AlarmTable ALARMS = build();

  private OigAlarms() {}

  /** The alarm table every box declares once it sends {@link #TABLE}. */
  public static AlarmTable table() {
    return ALARMS;
  }

  private static AlarmTable build() {
    List<AlarmDefinition> out = new ArrayList<>();
    for (String[] g : GROUPS) {
      String metric = OigFieldTable.metricName(TABLE, g[0], 0);
      out.add(new AlarmDefinition(metric, g[0].toLowerCase(java.util.Locale.ROOT), g[1], Severity.WARNING, "warning",
          List.of(metric)));
    }
    return AlarmTable.of(out, null);
  }
}
