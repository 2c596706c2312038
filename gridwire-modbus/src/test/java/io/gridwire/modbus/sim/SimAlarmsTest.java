package io.gridwire.modbus.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwire.modbus.profile.ProfileLibrary;
import org.junit.jupiter.api.Test;

class SimAlarmsTest {
  private final RegisterBank bank = new RegisterBank();
  private final ProfileSimulator sim = new ProfileSimulator(ProfileLibrary.builtIns().get("smartgen-hgm9520n"), bank);

  @Test
  void setFlag_lowOilPressureShutdown_setsBit13OfRegister2AndCount511() {
    sim.update(0);
    sim.setFlag("shutdown_low_oil_pressure", true); // register 2 = shutdown base 1 + word 1, bit 13
    sim.setFlag("warning_low_fuel_level", true); // register 93 = warning base 91 + word 2, bit 1
    sim.update(5); // the value loop keeps commanded bits

    assertThat(bank.register(2)).isEqualTo(1 << 13);
    assertThat(bank.register(93)).isEqualTo(1 << 1);
    assertThat(bank.register(511)).isEqualTo(2);
  }

  @Test
  void resetAlarms_clearsBitsAndCount() {
    sim.setFlag("shutdown_low_oil_pressure", true);
    sim.resetAlarms();
    assertThat(bank.register(2)).isZero();
    assertThat(bank.register(511)).isZero();
  }

  @Test
  void commands_stdinLines_applyOrExplain() {
    assertThat(SimCommands.apply(sim, "set oil_pressure 80")).isEqualTo("ok");
    sim.update(3);
    assertThat(bank.register(222)).isEqualTo(80); // oil pressure, 1 kPa per count
    assertThat(SimCommands.apply(sim, "alarm shutdown_low_oil_pressure on")).isEqualTo("ok");
    assertThat(bank.register(2)).isEqualTo(1 << 13);
    assertThat(SimCommands.apply(sim, "alarm nope on")).isEqualTo("error: no bit 'nope' in profile smartgen-hgm9520n");
    assertThat(SimCommands.apply(sim, "fly")).startsWith("error: unknown command");
    assertThatThrownBy(() -> sim.setValue("status_word", 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
