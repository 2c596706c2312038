package io.gridwire.modbus.sim;

import io.gridwire.modbus.profile.Block;
import io.gridwire.modbus.profile.Field;
import io.gridwire.modbus.profile.Group;
import io.gridwire.modbus.profile.Profile;
import io.gridwire.modbus.register.FieldType;
import io.gridwire.modbus.register.RegisterField;
import io.gridwire.modbus.register.WordOrder;
import java.util.SplittableRandom;

/**
 * Fleet mode of the simulator: makes each connection an independent device whose answers are
 * not a fixed image. On every read, each analogue register (numeric, not a sentinel; the low word
 * of 32-bit fields) is moved by 1–3 raw units, alternately up and down, so it differs from the
 * previous read (fields simulated at 0, such as counters, stay); each alarm register (bit fields of slow blocks) raises one random bit with
 * probability {@code alarmChance} per read while clear, and clears again with probability ½ per
 * read. The shared register bank is never written. One instance per profile; one
 * {@link Device} per connection.
 */
public final class ReadNoise {
  private static final byte ANALOGUE = 1;
  private static final byte ALARM = 2;
  private final byte[] kind = new byte[65536];
  private final short[] alarmIndex = new short[65536];
  private final int alarms;
  private final double alarmChance;

  public ReadNoise(Profile profile, double alarmChance) {
    if (!(alarmChance >= 0 && alarmChance <= 1)) throw new IllegalArgumentException("alarmChance out of 0..1: " + alarmChance);
    this.alarmChance = alarmChance;
    int n = 0;
    for (Block b : profile.blocks()) {
      for (Field f : b.fields()) {
        RegisterField c = f.codec();
        int address = b.start() + c.offset();
        if (c.type() == FieldType.BITS && b.group() == Group.SLOW && kind[address] != ALARM) {
          kind[address] = ALARM;
          alarmIndex[address] = (short) n++;
        } else if (c.type() != FieldType.BITS && c.type() != FieldType.ENUM && !f.sim().sentinel()
            && f.sim().nominal() != 0) {
          boolean lowSecond = c.words() == 2 && c.order() == WordOrder.HIGH_FIRST;
          kind[address + (lowSecond ? 1 : 0)] = ANALOGUE;
        }
      }
    }
    this.alarms = n;
  }

  /** Registers that carry alarm bits. */
  public int alarmRegisters() {
    return alarms;
  }

  /** The changing state of one simulated device (one connection); not thread-safe. */
  public Device device(long seed) {
    return new Device(seed);
  }

  /** One device's random source, read parity and raised alarm bits. */
  public final class Device {
    private final SplittableRandom random;
    private final char[] raised = new char[alarms];
    private boolean up;

    private Device(long seed) {
      this.random = new SplittableRandom(seed);
    }

    /** Alters the register values {@code words[off + 2i, off + 2i + 1]} of registers {@code addr .. addr + qty - 1}. */
    public void apply(int addr, int qty, byte[] words, int off) {
      up = !up;
      for (int i = 0; i < qty; i++) {
        int a = addr + i;
        if (a > 65535) return;
        int v = ((words[off + 2 * i] & 0xFF) << 8) | (words[off + 2 * i + 1] & 0xFF);
        if (kind[a] == ANALOGUE) {
          int delta = 1 + random.nextInt(3);
          v = (up ? v + delta : v - delta) & 0xFFFF;
        } else if (kind[a] == ALARM) {
          v ^= alarm(alarmIndex[a]);
        } else {
          continue;
        }
        words[off + 2 * i] = (byte) (v >>> 8);
        words[off + 2 * i + 1] = (byte) v;
      }
    }

    private int alarm(int index) {
      if (raised[index] != 0) {
        if (random.nextInt(2) == 0) raised[index] = 0;
      } else if (random.nextDouble() < alarmChance) {
        raised[index] = (char) (1 << random.nextInt(16));
      }
      return raised[index];
    }
  }
}
