package io.gridwire.modbus.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridwire.modbus.profile.Profile;
import io.gridwire.modbus.profile.ProfileLibrary;
import org.junit.jupiter.api.Test;

class ReadNoiseTest {
  private static final Profile HGM9520N = ProfileLibrary.builtIns().get("smartgen-hgm9520n");

  /** Register 155 = gen_freq (u16, simulated at 50 Hz); register 1 = shutdown_word0 (alarm bits, slow). */
  private static byte[] words(int... values) {
    byte[] b = new byte[2 * values.length];
    for (int i = 0; i < values.length; i++) {
      b[2 * i] = (byte) (values[i] >>> 8);
      b[2 * i + 1] = (byte) values[i];
    }
    return b;
  }

  private static int word(byte[] b, int i) {
    return ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
  }

  @Test
  void apply_analogueRegister_differsFromThePreviousReadEveryTime() {
    ReadNoise.Device device = new ReadNoise(HGM9520N, 0).device(7);
    int previous = -1;
    for (int read = 0; read < 200; read++) {
      byte[] answer = words(5000);
      device.apply(155, 1, answer, 0);
      int v = word(answer, 0);
      assertTrue(Math.abs(v - 5000) <= 3 && v != 5000, "read " + read + ": " + v);
      assertNotEquals(previous, v, "read " + read);
      previous = v;
    }
  }

  @Test
  void apply_alarmChanceOne_raisesOneBitThenClearsIt() {
    ReadNoise noise = new ReadNoise(HGM9520N, 1);
    assertEquals(42, noise.alarmRegisters()); // 7 alarm tables x words 0-5
    ReadNoise.Device device = noise.device(3);
    byte[] first = words(0);
    device.apply(1, 1, first, 0);
    assertEquals(1, Integer.bitCount(word(first, 0)));
    boolean cleared = false;
    for (int read = 0; read < 64 && !cleared; read++) {
      byte[] next = words(0);
      device.apply(1, 1, next, 0);
      cleared = word(next, 0) == 0;
    }
    assertTrue(cleared, "a raised alarm bit clears again");
  }

  @Test
  void apply_alarmChanceZero_leavesAlarmsAndStatusWordsAsServed() {
    ReadNoise.Device device = new ReadNoise(HGM9520N, 0).device(1);
    for (int read = 0; read < 100; read++) {
      byte[] answer = words(0x0101, 0, 0, 0, 0, 0);
      device.apply(0, 6, answer, 0); // 0 = status_word (fast bits), 1..5 = alarm words
      assertEquals(0x0101, word(answer, 0));
      for (int i = 1; i < 6; i++) assertEquals(0, word(answer, i));
    }
  }

  @Test
  void devices_sameSeed_sameSequence_otherSeed_otherSequence() {
    ReadNoise noise = new ReadNoise(HGM9520N, 0.5);
    ReadNoise.Device a = noise.device(1);
    ReadNoise.Device b = noise.device(1);
    ReadNoise.Device c = noise.device(2);
    StringBuilder sa = new StringBuilder();
    StringBuilder sb = new StringBuilder();
    StringBuilder sc = new StringBuilder();
    for (int read = 0; read < 50; read++) {
      byte[] x = words(5000, 0);
      byte[] y = words(5000, 0);
      byte[] z = words(5000, 0);
      a.apply(155, 1, x, 0);
      b.apply(155, 1, y, 0);
      c.apply(155, 1, z, 0);
      sa.append(word(x, 0)).append(',');
      sb.append(word(y, 0)).append(',');
      sc.append(word(z, 0)).append(',');
    }
    assertEquals(sa.toString(), sb.toString());
    assertNotEquals(sa.toString(), sc.toString());
  }
}
