package io.gridwire.modbus.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Crc16Test {
  @Test
  void of_specExample_matchesKnownFrame() {
    // 01 03 00 00 00 03 | CRC 05 CB (protocols/smartgen-modbus.md §4.1), low byte first
    byte[] f = hex("01 03 00 00 00 03 05 CB");
    assertThat(Crc16.check(f, 0, f.length)).isTrue();
    // 09 03 00 00 00 0a | c4 85 (SPEC §3.4 default broadcast command)
    byte[] g = hex("09 03 00 00 00 0a c4 85");
    assertThat(Crc16.check(g, 0, g.length)).isTrue();
  }

  @Test
  void check_flippedBit_fails() {
    byte[] f = hex("01 03 00 00 00 03 05 CA");
    assertThat(Crc16.check(f, 0, f.length)).isFalse();
  }

  @Test
  void of_checkValue_is4B37() {
    byte[] s = "123456789".getBytes();
    assertThat(Crc16.of(s, 0, s.length)).isEqualTo(0x4B37);
  }

  private static byte[] hex(String s) {
    String[] parts = s.trim().split("\\s+");
    byte[] b = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) b[i] = (byte) Integer.parseInt(parts[i], 16);
    return b;
  }
}
