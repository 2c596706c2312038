package io.gridwire.oig.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The {@code <CRC>} text of OIG frames: CRC-16/MODBUS as five zero-padded decimal digits (protocols/oig.md §3). */
class OigCrcTest {
  @Test
  void of_cloudAck_isZeroPadded() {
    // <Frame><Result>ACK</Result><ToDo>GetActual</ToDo><CRC>00167</CRC></Frame> (protocols/oig.md §2)
    assertThat(OigCrc.of("<Result>ACK</Result><ToDo>GetActual</ToDo>".getBytes(StandardCharsets.UTF_8))).isEqualTo("00167");
  }

  @Test
  void of_rangeOfTheSixteenBits_alwaysFiveDigits() {
    // the empty input's CRC is the initial value 0xFFFF, the largest
    assertThat(OigCrc.of(new byte[0])).isEqualTo("65535");
    byte[] frame = "xx<Result>ACK</Result><ToDo>GetActual</ToDo>yy".getBytes(StandardCharsets.UTF_8);
    assertThat(OigCrc.of(frame, 2, frame.length - 4)).isEqualTo("00167");
  }
}
