package io.gridwire.modbus.register;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.reading.Value;
import org.junit.jupiter.api.Test;

/** A scale result beyond a double's range is no-data {@code out_of_range}, never infinity. */
class ScaledOverflowTest {
  @Test
  void decodeNumber_scaleOverflows_outOfRange() {
    RegisterField f = RegisterField.numeric("energy", FieldType.U32, 0, 1e305);
    assertThat(f.decodeNumber(0xFFFF_FFFFL)).isEqualTo(Value.OUT_OF_RANGE); // 4.3e9 × 1e305 = 4.3e314
    assertThat(f.decodeNumber(1)).isEqualTo(Value.of(1e305));
  }

  @Test
  void scaled_scaleAboveOneBillion_multipliesNotDividesByZero() {
    assertThat(RegisterField.numeric("e", FieldType.U16, 0, 1e10).scaled(3)).isEqualTo(3e10); // was infinity
    assertThat(RegisterField.numeric("v", FieldType.U16, 0, 0.1).scaled(3985)).isEqualTo(398.5);
  }
}
