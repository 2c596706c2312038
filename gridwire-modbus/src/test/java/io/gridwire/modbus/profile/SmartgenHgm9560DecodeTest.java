package io.gridwire.modbus.profile;

import static io.gridwire.modbus.profile.Decoded.at;
import static io.gridwire.modbus.profile.Decoded.block;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridwire.core.reading.Value;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every field of the seed's REGISTER_MAP_9560, with the seed's formula next to each check. */
class SmartgenHgm9560DecodeTest {
  private static final String P = "smartgen-hgm9560";

  private static double num(Map<String, Value> v, String k) {
    assertThat(v.get(k)).as(k).isInstanceOf(Value.Num.class);
    return ((Value.Num) v.get(k)).value();
  }

  @Test
  void status_modeAndTripBits_decodeAsFlags() {
    int[] w = at(3,
        0, (1 << 11) | (1 << 3) | 1,   // reg 0: stop mode, trip&stop, common alarm
        1, 1 << 10,                    // reg 1: maintenance due (shutdown)
        2, 1 << 3);                    // reg 2: gen phase error
    Map<String, Value> v = block(P, "status", w);
    assertThat(v).containsEntry("mode_stop", Value.TRUE).containsEntry("mode_auto", Value.FALSE)
        .containsEntry("mode_test", Value.FALSE).containsEntry("mode_manual", Value.FALSE)
        .containsEntry("alarm_common", Value.TRUE).containsEntry("alarm_shutdown", Value.FALSE)
        .containsEntry("alarm_warning", Value.FALSE).containsEntry("alarm_trip_stop", Value.TRUE)
        .containsEntry("shutdown_maintenance_due", Value.TRUE).containsEntry("shutdown_gen_phase_error", Value.TRUE);
  }

  @Test
  void gensetStatus_codeAndSeedLabels() {
    String[] seed = {"standby", "preheat", "fuel_output", "crank", "crank_rest", "safety_run", "start_idle",
        "warming_up", "wait_load", "running", "cooling", "stop_idle", "ets", "wait_stop", "stop_failure"};
    for (int code = 0; code < seed.length; code++) {
      Map<String, Value> v = block(P, "genset_status", at(3, 0, code));
      assertThat(num(v, "genset_status")).isEqualTo(code);
      assertThat(v.get("genset_status_name")).isEqualTo(Value.of(seed[code]));
    }
  }

  @Test
  void mainsVoltage_unscaled16BitAndFrequency() {
    int[] w = at(10, 0, 401, 1, 399, 2, 400, 3, 231, 4, 230, 5, 232, 9, 4999); // 55..60 volts (x1), 64 freq x0.01
    Map<String, Value> v = block(P, "mains_voltage", w);
    assertThat(num(v, "mains_uab")).isEqualTo(401);
    assertThat(num(v, "mains_ubc")).isEqualTo(399);
    assertThat(num(v, "mains_uca")).isEqualTo(400);
    assertThat(num(v, "mains_ua")).isEqualTo(231);
    assertThat(num(v, "mains_ub")).isEqualTo(230);
    assertThat(num(v, "mains_uc")).isEqualTo(232);
    assertThat(num(v, "mains_freq")).isCloseTo(49.99, within(1e-9));
  }

  @Test
  void busbarVoltage_sentinel_isNoData() {
    int[] w = at(10, 0, 400, 1, 32766, 2, 400, 3, 231, 4, 231, 5, 231, 9, 5000); // 76 = 32766: no data
    Map<String, Value> v = block(P, "busbar_voltage", w);
    assertThat(num(v, "busbar_uab")).isEqualTo(400);
    assertThat(v.get("busbar_ubc")).isEqualTo(Value.SENTINEL);
    assertThat(num(v, "busbar_uca")).isEqualTo(400);
    assertThat(num(v, "busbar_ua")).isEqualTo(231);
    assertThat(num(v, "busbar_ub")).isEqualTo(231);
    assertThat(num(v, "busbar_uc")).isEqualTo(231);
    assertThat(num(v, "busbar_freq")).isCloseTo(50.0, within(1e-9));
  }

  @Test
  void mainsCurrent_scaledByTenth() {
    Map<String, Value> v = block(P, "mains_current", new int[] {1801, 1795, 1810}); // 95..97
    assertThat(num(v, "mains_ia")).isCloseTo(180.1, within(1e-9));
    assertThat(num(v, "mains_ib")).isCloseTo(179.5, within(1e-9));
    assertThat(num(v, "mains_ic")).isCloseTo(181.0, within(1e-9));
  }

  @Test
  void mainsPower_s32LowWordFirst_negativeIsExport() {
    int[] w = at(10,
        0, 0xFE5C, 1, 0xFFFF,   // 109-110 total P: s32 = -420 -> -42.0 kW
        8, 140, 9, 0);          // 117-118 total Q: 14.0 kvar
    Map<String, Value> v = block(P, "mains_power", w);
    assertThat(num(v, "mains_total_p")).isCloseTo(-42.0, within(1e-9));
    assertThat(num(v, "mains_total_q")).isCloseTo(14.0, within(1e-9));
  }

  @Test
  void busbarMisc_currentAndBattery() {
    Map<String, Value> v = block(P, "busbar_misc", at(12, 0, 3652, 8, 269)); // 134 current, 142 battery
    assertThat(num(v, "busbar_current")).isCloseTo(365.2, within(1e-9));
    assertThat(num(v, "battery_v")).isCloseTo(26.9, within(1e-9));
  }

  @Test
  void busbarPower_powersAndSwitchStatuses() {
    int[] w = at(17,
        0, 2400, 1, 0,            // 182-183 busbar P 240.0 kW
        2, 0xFED4, 3, 0xFFFF,     // 184-185 busbar Q: -300 -> -30.0 kvar
        11, 3,                    // 193 busbar switch: closed
        13, 2,                    // 195 mains status: abnormal
        15, 0);                   // 197 mains switch: synchronizing
    Map<String, Value> v = block(P, "busbar_power", w);
    assertThat(num(v, "busbar_p")).isCloseTo(240.0, within(1e-9));
    assertThat(num(v, "busbar_q")).isCloseTo(-30.0, within(1e-9));
    assertThat(num(v, "busbar_switch")).isEqualTo(3);
    assertThat(v.get("busbar_switch_name")).isEqualTo(Value.of("closed"));
    assertThat(num(v, "mains_status")).isEqualTo(2);
    assertThat(v.get("mains_status_name")).isEqualTo(Value.of("abnormal"));
    assertThat(num(v, "mains_switch")).isEqualTo(0);
    assertThat(v.get("mains_switch_name")).isEqualTo(Value.of("synchronizing"));
  }

  @Test
  void switchAndMainsTables_everyCode() {
    String[] sw = {"synchronizing", "close_delay", "wait_closing", "closed", "unloading", "open_delay", "wait_opening", "opened"};
    String[] mains = {"normal", "normal_delay", "abnormal", "abnormal_delay"};
    for (int c = 0; c < sw.length; c++) {
      assertThat(block(P, "busbar_power", at(17, 11, c, 15, c)).get("mains_switch_name")).isEqualTo(Value.of(sw[c]));
    }
    for (int c = 0; c < mains.length; c++) {
      assertThat(block(P, "busbar_power", at(17, 13, c)).get("mains_status_name")).isEqualTo(Value.of(mains[c]));
    }
  }

  @Test
  void accumulated_signedEnergyAndMaintenanceHours() {
    int[] w = at(9,
        0, 0xFB1A, 1, 0x000E,   // 203-204 kWh: 14*65536 + 64282 = 981786 -> 98178.6 kWh
        2, 0x9724, 3, 0x0001,   // 205-206 kvarh: 65536 + 38692 = 104228 -> 10422.8
        8, 212);                // 211 hours to maintenance
    Map<String, Value> v = block(P, "accumulated", w);
    assertThat(num(v, "accum_kwh")).isCloseTo(98178.6, within(1e-6));
    assertThat(num(v, "accum_kvarh")).isCloseTo(10422.8, within(1e-6));
    assertThat(num(v, "maint_hours")).isEqualTo(212);
  }

  @Test
  void alarmDetail_documentedBits() {
    int[] w = at(23,
        13, 1 << 15,     // reg 21 bit 15: mains output power limit active
        22, 1 << 10);    // reg 30 bit 10: power-limit trip
    Map<String, Value> v = block(P, "alarm_detail", w);
    assertThat(v).containsEntry("warning_mains_power_limit_active", Value.TRUE)
        .containsEntry("mains_trip_power_limit", Value.TRUE).containsEntry("warning_sync_failure", Value.FALSE);
    assertThat(block(P, "mains_fault", new int[] {1 << 7})).containsEntry("mains_fault_blackout", Value.TRUE);
  }
}
