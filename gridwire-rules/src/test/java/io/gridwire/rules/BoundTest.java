package io.gridwire.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoundTest {

  @Test
  void of_clearAtOnBreachedSide_failsNamingKey() {
    assertThatThrownBy(() -> Bound.of("alarms.rules[1]", Bound.Direction.BELOW, 20, 18.0))
        .hasMessageContaining("alarms.rules[1].clear_at");
  }

  @Test
  void cleared_above_needsToGoStrictlyBelowClearAt() {
    Bound b = Bound.of("r", Bound.Direction.ABOVE, 90, 85.0);
    assertThat(b.breached(91)).isTrue();
    assertThat(b.cleared(85)).isFalse();
    assertThat(b.cleared(84.9)).isTrue();
  }

  @Test
  void cleared_noHysteresis_clearsWhenNotBreached() {
    Bound b = Bound.of("r", Bound.Direction.BELOW, 20, null);
    assertThat(b.cleared(20)).isTrue();
    assertThat(b.cleared(19.9)).isFalse();
  }
}
