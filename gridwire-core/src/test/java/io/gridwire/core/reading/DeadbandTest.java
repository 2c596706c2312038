package io.gridwire.core.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeadbandTest {
  @Test
  void parse_numberOrPercent_roundTrips() {
    assertThat(Deadband.parse("0.5", "k")).isEqualTo(new Deadband(0.5, 0));
    assertThat(Deadband.parse(" 2 % ", "k")).isEqualTo(new Deadband(0, 0.02));
    assertThat(Deadband.parse("2%", "k").toString()).isEqualTo("2%");
    assertThat(Deadband.parse("0.5", "k").toString()).isEqualTo("0.5");
  }

  @Test
  void parse_garbageOrNegative_namesTheKey() {
    assertThatThrownBy(() -> Deadband.parse("lots", "report_by_exception.deadbands.rpm"))
        .hasMessageContaining("report_by_exception.deadbands.rpm");
    assertThatThrownBy(() -> Deadband.parse("-1", "k")).hasMessageContaining("k");
  }

  @Test
  void exceeded_nanAlwaysPasses() {
    assertThat(new Deadband(1, 0).exceeded(1, Double.NaN)).isTrue();
    assertThat(Deadband.ANY_CHANGE.exceeded(Double.NaN, Double.NaN)).isFalse();
  }
}
