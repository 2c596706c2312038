package io.gridwire.modbus.profile;

import static io.gridwire.modbus.profile.Decoded.at;
import static io.gridwire.modbus.profile.Decoded.block;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridwire.core.reading.Value;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every field of the seed's REGISTER_MAP_9520N, with the seed's formula next to each check. */
class SmartgenHgm9520nDecodeTest {
  private static final String P = "smartgen-hgm9520n";

  private static double num(Map<String, Value> v, String k) {
    assertThat(v.get(k)).as(k).isInstanceOf(Value.Num.class);
    return ((Value.Num) v.get(k)).value();
  }

  @Test
  void status_modeAndAlarmBits_decodeAsFlags() {
    // reg 0 = 0b0000_0010_1000_0101: bit 0 common alarm, bit 2 warning, bit 7 block, bit 9 auto
    Map<String, Value> v = block(P, "status", new int[] {0x0285});
    assertThat(v).containsEntry("alarm_common", Value.TRUE).containsEntry("alarm_shutdown", Value.FALSE)
        .containsEntry("alarm_warning", Value.TRUE).containsEntry("alarm_block", Value.TRUE)
        .containsEntry("mode_test", Value.FALSE).containsEntry("mode_auto", Value.TRUE)
        .containsEntry("mode_manual", Value.FALSE).containsEntry("mode_stop", Value.FALSE);
  }

  @Test
  void breaker_bits_decodeAsFlags() {
    // reg 114 = 0b1101: mains normal, gen normal, gen closed
    Map<String, Value> v = block(P, "breaker", new int[] {0b1101});
    assertThat(v).containsEntry("mains_normal", Value.TRUE).containsEntry("mains_load", Value.FALSE)
        .containsEntry("gen_normal", Value.TRUE).containsEntry("gen_closed", Value.TRUE);
  }

  @Test
  void mainsVoltage_u32LowWordFirst_scaledByTenth() {
    int[] w = at(16,
        0, 3985, 1, 0,        // 120-121 UAB: (0*65536 + 3985) * 0.1 = 398.5 V
        2, 0x1234, 3, 1,      // 122-123 UBC: (1*65536 + 0x1234) * 0.1 = 7019.6 V (shows the high word is reg n+1)
        4, 4011, 5, 0,        // 124-125 UCA: 401.1 V
        15, 5001);            // 135 frequency: 5001 * 0.01 = 50.01 Hz
    Map<String, Value> v = block(P, "mains_voltage", w);
    assertThat(num(v, "mains_uab")).isCloseTo(398.5, within(1e-9));
    assertThat(num(v, "mains_ubc")).isCloseTo((65536 + 0x1234) * 0.1, within(1e-9));
    assertThat(num(v, "mains_uca")).isCloseTo(401.1, within(1e-9));
    assertThat(num(v, "mains_freq")).isCloseTo(50.01, within(1e-9));
  }

  @Test
  void mainsFrequency_sentinel_isNoData() {
    assertThat(block(P, "mains_voltage", at(16, 15, 32766))).containsEntry("mains_freq", Value.SENTINEL);
  }

  @Test
  void genVoltage_u32AndSignedDifferences_decodeSigned() {
    int[] w = at(19,
        0, 3991, 1, 0,        // 140-141 gen UAB 399.1 V
        2, 3995, 3, 0,        // 142-143 gen UBC 399.5 V
        4, 4002, 5, 0,        // 144-145 gen UCA 400.2 V
        15, 4998,             // 155 gen frequency 49.98 Hz
        16, -15,              // 156 volt diff: s16(65521) * 0.1 = -1.5 V
        17, 3,                // 157 freq diff: 0.03 Hz
        18, -24);             // 158 phase diff: -2.4 °
    Map<String, Value> v = block(P, "gen_voltage", w);
    assertThat(num(v, "gen_uab")).isCloseTo(399.1, within(1e-9));
    assertThat(num(v, "gen_ubc")).isCloseTo(399.5, within(1e-9));
    assertThat(num(v, "gen_uca")).isCloseTo(400.2, within(1e-9));
    assertThat(num(v, "gen_freq")).isCloseTo(49.98, within(1e-9));
    assertThat(num(v, "volt_diff")).isCloseTo(-1.5, within(1e-9));
    assertThat(num(v, "freq_diff")).isCloseTo(0.03, within(1e-9));
    assertThat(num(v, "phase_diff")).isCloseTo(-2.4, within(1e-9));
  }

  @Test
  void genCurrent_rawAtOrAbove32000_isNoData() {
    int[] w = at(8,
        0, 4125,              // 166 current A: 412.5 A
        1, 31999,             // 167 current B: 3199.9 A (below the band: a value)
        2, 32000,             // 168 current C: >= 32000 -> None
        3, 32766);            // 169 earth: sentinel -> None
    Map<String, Value> v = block(P, "gen_current", w);
    assertThat(num(v, "current_a")).isCloseTo(412.5, within(1e-9));
    assertThat(num(v, "current_b")).isCloseTo(3199.9, within(1e-9));
    assertThat(v.get("current_c")).isEqualTo(Value.SENTINEL);
    assertThat(v.get("current_earth")).isEqualTo(Value.SENTINEL);
  }

  @Test
  void power_s32LowWordFirstAndPowerFactor_decodeSigned() {
    int[] w = at(28,
        0, 850, 1, 0,                 // 174-175 P A: 85.0 kW
        2, 0xFFF6, 3, 0xFFFF,         // 176-177 P B: s32(0xFFFFFFF6) = -10 -> -1.0 kW (reverse power)
        4, 0x86A0, 5, 0x0001,         // 178-179 P C: 100000 -> 10000.0 kW
        6, 2550, 7, 0,                // 180-181 P total 255.0 kW
        8, 0xFF88, 9, 0xFFFF,         // 182-183 Q A: -120 -> -12.0 kvar
        10, 120, 11, 0,               // 184-185 Q B 12.0
        12, 0, 13, 0,                 // 186-187 Q C 0
        14, 0xFE98, 15, 0xFFFF,       // 188-189 Q total: -360 -> -36.0 kvar
        24, 920,                      // 198 PF A: 0.920
        25, -850,                     // 199 PF B: s16 -> -0.850 (leading)
        26, 1000,                     // 200 PF C: 1.000
        27, 930);                     // 201 PF avg 0.930
    Map<String, Value> v = block(P, "power", w);
    assertThat(num(v, "power_a")).isCloseTo(85.0, within(1e-9));
    assertThat(num(v, "power_b")).isCloseTo(-1.0, within(1e-9));
    assertThat(num(v, "power_c")).isCloseTo(10000.0, within(1e-9));
    assertThat(num(v, "power_total")).isCloseTo(255.0, within(1e-9));
    assertThat(num(v, "reactive_a")).isCloseTo(-12.0, within(1e-9));
    assertThat(num(v, "reactive_b")).isCloseTo(12.0, within(1e-9));
    assertThat(num(v, "reactive_c")).isCloseTo(0.0, within(1e-9));
    assertThat(num(v, "reactive_total")).isCloseTo(-36.0, within(1e-9));
    assertThat(num(v, "pf_a")).isCloseTo(0.92, within(1e-9));
    assertThat(num(v, "pf_b")).isCloseTo(-0.85, within(1e-9));
    assertThat(num(v, "pf_c")).isCloseTo(1.0, within(1e-9));
    assertThat(num(v, "pf_avg")).isCloseTo(0.93, within(1e-9));
  }

  @Test
  void engine_plausibleValues_decodeWithScale() {
    int[] w = at(30,
        0, 1500,      // 212 speed 1500 rpm
        1, 276,       // 213 battery 27.6 V
        2, 272,       // 214 charger 27.2 V
        8, 82,        // 220 coolant 82 °C
        10, 420,      // 222 oil pressure 420
        12, 64,       // 224 fuel level 64 %
        20, 61,       // 232 load 61 %
        22, 91,       // 234 oil temp 91 °C
        24, 300,      // 236 fuel pressure 300
        28, 150,      // 240 turbo 150
        29, 583);     // 241 fuel consumption 58.3
    Map<String, Value> v = block(P, "engine", w);
    assertThat(num(v, "engine_speed")).isEqualTo(1500);
    assertThat(num(v, "battery_volt")).isCloseTo(27.6, within(1e-9));
    assertThat(num(v, "charger_volt")).isCloseTo(27.2, within(1e-9));
    assertThat(num(v, "coolant_temp")).isEqualTo(82);
    assertThat(num(v, "oil_pressure")).isEqualTo(420);
    assertThat(num(v, "fuel_level")).isEqualTo(64);
    assertThat(num(v, "load_pct")).isEqualTo(61);
    assertThat(num(v, "oil_temp")).isEqualTo(91);
    assertThat(num(v, "fuel_pressure")).isEqualTo(300);
    assertThat(num(v, "turbo_pressure")).isEqualTo(150);
    assertThat(num(v, "fuel_consumption")).isCloseTo(58.3, within(1e-9));
  }

  @Test
  void engine_negativeTemperatureAndLoad_areRealValues() {
    // SPEC correction of the seed: signed first; -10 °C on a cold standby genset is real.
    int[] w = at(30,
        8, -10,       // 220 coolant raw 65526 -> -10 °C (the seed's helper made it None)
        20, -5,       // 232 load raw 65531 -> -5 % (reverse power)
        22, -50);     // 234 oil temp -50 °C: the lower limit, still valid
    Map<String, Value> v = block(P, "engine", w);
    assertThat(num(v, "coolant_temp")).isEqualTo(-10);
    assertThat(num(v, "load_pct")).isEqualTo(-5);
    assertThat(num(v, "oil_temp")).isEqualTo(-50);
  }

  @Test
  void engine_limitsAndSentinels_areNoData() {
    int[] w = at(30,
        0, 5001,      // speed > 5000 -> out of range
        1, 32000,     // battery >= 32000 -> no data
        2, 32766,     // charger sentinel
        8, 201,       // coolant > 200 -> out of range
        10, 10000,    // oil pressure >= 10000 -> out of range
        12, 101,      // fuel level > 100 -> out of range
        20, 151,      // load > 150 -> out of range
        22, -51,      // oil temp < -50 -> out of range
        24, 32766,    // fuel pressure sentinel
        28, 9999,     // turbo 9999: last valid value
        29, 10001);   // fuel consumption > 10000 -> out of range
    Map<String, Value> v = block(P, "engine", w);
    assertThat(v.get("engine_speed")).isEqualTo(Value.OUT_OF_RANGE);
    assertThat(v.get("battery_volt")).isEqualTo(Value.SENTINEL);
    assertThat(v.get("charger_volt")).isEqualTo(Value.SENTINEL);
    assertThat(v.get("coolant_temp")).isEqualTo(Value.OUT_OF_RANGE);
    assertThat(v.get("oil_pressure")).isEqualTo(Value.OUT_OF_RANGE);
    assertThat(v.get("fuel_level")).isEqualTo(Value.OUT_OF_RANGE);
    assertThat(v.get("load_pct")).isEqualTo(Value.OUT_OF_RANGE);
    assertThat(v.get("oil_temp")).isEqualTo(Value.OUT_OF_RANGE);
    assertThat(v.get("fuel_pressure")).isEqualTo(Value.SENTINEL);
    assertThat(num(v, "turbo_pressure")).isEqualTo(9999);
    assertThat(v.get("fuel_consumption")).isEqualTo(Value.OUT_OF_RANGE);
  }

  @Test
  void engine_signedSentinelBand_isNoDataNotOutOfRange() {
    int[] w = at(30,
        0, 32766,     // speed sentinel (also > 5000): reported as sentinel
        8, 32766,     // coolant sentinel
        20, 32001,    // load in the 32000..32767 band
        22, 32767);   // oil temp in the band
    Map<String, Value> v = block(P, "engine", w);
    assertThat(v.get("engine_speed")).isEqualTo(Value.SENTINEL);
    assertThat(v.get("coolant_temp")).isEqualTo(Value.SENTINEL);
    assertThat(v.get("load_pct")).isEqualTo(Value.SENTINEL);
    assertThat(v.get("oil_temp")).isEqualTo(Value.SENTINEL);
  }

  @Test
  void accumulated_countersStatusAndEnergy_keepRawValues() {
    int[] w = at(16,
        0, 9,                 // 260 gen status 9 = running
        4, 3,                 // 264 gen ATS: closed
        8, 7,                 // 268 mains ATS: opened
        10, 65535,            // 270 run hours: no rule, keeps 65535
        11, 27,               // 271 run minutes
        13, 32766,            // 273 start count: a counter, 32766 is a real count
        14, 0xDC4E, 15, 0x0002); // 274-275 energy: 2*65536 + 56398 = 187470 kWh (x1)
    Map<String, Value> v = block(P, "accumulated", w);
    assertThat(num(v, "gen_status")).isEqualTo(9);
    assertThat(v.get("gen_status_name")).isEqualTo(Value.of("running"));
    assertThat(v.get("gen_ats_status")).isEqualTo(Value.of("closed"));
    assertThat(v.get("mains_ats_status")).isEqualTo(Value.of("opened"));
    assertThat(num(v, "run_hours")).isEqualTo(65535);
    assertThat(num(v, "run_minutes")).isEqualTo(27);
    assertThat(num(v, "start_count")).isEqualTo(32766);
    assertThat(num(v, "energy_kwh")).isEqualTo(2 * 65536 + 0xDC4E);
  }

  @Test
  void genStatus_everyCode_hasTheSeedLabel() {
    String[] seed = {"standby", "preheat", "fuel_on", "cranking", "crank_rest", "safety_run", "idle", "warming",
        "wait_load", "running", "cooling", "idle_stop", "ets", "wait_stop", "post_stop", "stop_failure"};
    for (int code = 0; code < seed.length; code++) {
      assertThat(block(P, "accumulated", at(16, 0, code)).get("gen_status_name")).isEqualTo(Value.of(seed[code]));
    }
    assertThat(block(P, "accumulated", at(16, 0, 16)).get("gen_status_name")).isEqualTo(Value.of("unknown_16"));
  }

  @Test
  void alarms_count_isRaw() {
    assertThat(num(block(P, "alarms", new int[] {3}), "alarm_count")).isEqualTo(3);
  }

  @Test
  void alarmGroups_wordBits_decodeByDocumentedTable() {
    // shutdown group at 1: word 0 bit 0 e-stop, word 1 bit 13 low oil pressure, word 5 bit 7 input 8
    Map<String, Value> v = block(P, "alarm_shutdown", at(6, 0, 1, 1, 1 << 13, 5, 1 << 7));
    assertThat(v).containsEntry("shutdown_e_stop", Value.TRUE).containsEntry("shutdown_overspeed", Value.FALSE)
        .containsEntry("shutdown_low_oil_pressure", Value.TRUE).containsEntry("shutdown_digital_input8", Value.TRUE);
    Map<String, Value> w = block(P, "alarm_warning", at(6, 2, 1 << 14));
    assertThat(w).containsEntry("warning_battery_under_volt", Value.TRUE);
  }
}
