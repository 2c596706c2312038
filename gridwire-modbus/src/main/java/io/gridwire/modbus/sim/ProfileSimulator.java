package io.gridwire.modbus.sim;

import io.gridwire.modbus.profile.Block;
import io.gridwire.modbus.profile.Field;
import io.gridwire.modbus.profile.Profile;
import io.gridwire.modbus.register.FieldType;
import io.gridwire.modbus.register.RegisterField;
import io.gridwire.modbus.register.WordOrder;

/**
 * Fills a {@link RegisterBank} with plausible values of a profile and keeps them moving: each
 * numeric field wanders around its {@code sim} value by its jitter (a slow sine per field),
 * sentinel fields serve 32766, bit and enum fields serve their code. Deterministic for a given
 * time, so tests can predict values. Thread-safe (writes are per word).
 */
public final class ProfileSimulator {
  /** Smartgen's "no data" marker. */
  public static final int SENTINEL = 32766;
  private final Profile profile;
  private final RegisterBank bank;

  public ProfileSimulator(Profile profile, RegisterBank bank) {
    this.profile = profile;
    this.bank = bank;
  }

  /** Writes every field's value at {@code seconds} since the simulator started. */
  public void update(double seconds) {
    int fieldNo = 0;
    for (Block b : profile.blocks()) {
      for (Field f : b.fields()) {
        write(b.start() + f.codec().offset(), f, seconds, fieldNo++);
      }
    }
  }

  private void write(int address, Field f, double t, int fieldNo) {
    RegisterField c = f.codec();
    if (c.type() == FieldType.BITS || c.type() == FieldType.ENUM) {
      bank.setRegister(address, (int) f.sim().nominal());
      return;
    }
    if (f.sim().sentinel()) {
      bank.setRegister(address, SENTINEL);
      if (c.words() == 2) bank.setRegister(address + 1, 0);
      return;
    }
    double wander = f.sim().jitter() * Math.sin(t / (7.0 + fieldNo % 11) + fieldNo);
    double value = f.sim().nominal() * (1 + wander);
    long raw = Math.round(value / c.scale());
    writeRaw(address, c, raw);
  }

  /** Encodes a raw integer into the field's registers (two's complement, word order). */
  public void writeRaw(int address, RegisterField c, long raw) {
    if (c.words() == 1) {
      bank.setRegister(address, (int) raw & 0xFFFF);
      return;
    }
    int low = (int) raw & 0xFFFF;
    int high = (int) (raw >>> 16) & 0xFFFF;
    bank.setRegister(address, c.order() == WordOrder.LOW_FIRST ? low : high);
    bank.setRegister(address + 1, c.order() == WordOrder.LOW_FIRST ? high : low);
  }

  public Profile profile() {
    return profile;
  }
}
