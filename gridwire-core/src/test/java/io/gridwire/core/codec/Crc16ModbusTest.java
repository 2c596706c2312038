package io.gridwire.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** CRC-16/MODBUS against published vectors of both protocols that use it. */
class Crc16ModbusTest {
  @Test
  void of_catalogueCheckString_is4B37() {
    // the CRC catalogue's check value of CRC-16/MODBUS over "123456789"
    assertThat(Crc16Modbus.of("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x4B37);
  }

  @Test
  void of_emptyInput_isInitialValue() {
    assertThat(Crc16Modbus.of(new byte[0])).isEqualTo(0xFFFF);
  }

  @Test
  void check_modbusRtuFrames_lowByteFirst() {
    // unit 01, read holding (03), start 0x0000, 3 registers | CRC 05 CB (protocols/smartgen-modbus.md §4.1)
    byte[] f = hex("01 03 00 00 00 03 05 CB");
    assertThat(Crc16Modbus.check(f, 0, f.length)).isTrue();
    // unit 09, read holding (03), start 0x0000, 10 registers | CRC C4 85 (SPEC §3.4 default broadcast command)
    byte[] g = hex("09 03 00 00 00 0a c4 85");
    assertThat(Crc16Modbus.check(g, 0, g.length)).isTrue();
    assertThat(Crc16Modbus.of(g, 0, 6)).isEqualTo(0x85C4);
  }

  @Test
  void check_flippedBitOrTooShort_isFalse() {
    byte[] f = hex("01 03 00 00 00 03 05 CA");
    assertThat(Crc16Modbus.check(f, 0, f.length)).isFalse();
    assertThat(Crc16Modbus.check(hex("01 03"), 0, 2)).isFalse();
  }

  @Test
  void of_oigCloudAck_is167() {
    // protocols/oig.md §2: <Frame><Result>ACK</Result><ToDo>GetActual</ToDo><CRC>00167</CRC></Frame>;
    // the CRC covers the bytes between <Frame> and <CRC>
    byte[] inner = "<Result>ACK</Result><ToDo>GetActual</ToDo>".getBytes(StandardCharsets.UTF_8);
    assertThat(Crc16Modbus.of(inner)).isEqualTo(167);
  }

  @Test
  void append_thenCheck_roundTripsAtAnyOffset() {
    Random random = new Random(11);
    for (int n = 0; n < 500; n++) {
      int off = random.nextInt(4);
      int len = 1 + random.nextInt(256);
      byte[] b = new byte[off + len + 2];
      random.nextBytes(b);
      assertThat(Crc16Modbus.append(b, off, len)).isEqualTo(len + 2);
      assertThat(Crc16Modbus.check(b, off, len + 2)).isTrue();
      b[off + random.nextInt(len + 2)] ^= (byte) (1 << random.nextInt(8));
      assertThat(Crc16Modbus.check(b, off, len + 2)).as("one flipped bit is always detected").isFalse();
    }
  }

  private static byte[] hex(String s) {
    String[] parts = s.trim().split("\\s+");
    byte[] b = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) b[i] = (byte) Integer.parseInt(parts[i], 16);
    return b;
  }
}
