package io.gridwire.modbus.sim;

import io.gridwire.modbus.profile.Block;
import io.gridwire.modbus.profile.Field;
import io.gridwire.modbus.profile.Profile;
import io.gridwire.modbus.register.FieldType;
import io.gridwire.modbus.register.RegisterField;
import io.gridwire.modbus.register.WordOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fills a {@link RegisterBank} with plausible values of a profile and keeps them moving: each
 * numeric field wanders around its {@code sim} value by its jitter (a slow sine per field),
 * sentinel fields serve 32766, bit and enum fields serve their code. Deterministic for a given
 * time, so tests can predict values. Tests and the simulator's stdin raise and clear alarm bits
 * ({@link #setFlag}) and pin values ({@link #setValue}). Thread-safe (writes are per word).
 */
public final class ProfileSimulator {
  /** Smartgen's "no data" marker. */
  public static final int SENTINEL = 32766;
  private final Profile profile;
  private final RegisterBank bank;
  /** Bits field name → word set on command (alarm bits), replacing the field's sim value. */
  private final Map<String, Integer> bitWords = new ConcurrentHashMap<>();
  /** Metric → engineering value set on command, replacing the wander. */
  private final Map<String, Double> fixed = new ConcurrentHashMap<>();

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
      bank.setRegister(address, bitWords.getOrDefault(f.name(), (int) f.sim().nominal()));
      return;
    }
    Double set = fixed.get(c.name());
    if (set != null) {
      writeRaw(address, c, Math.round(set / c.scale()));
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

  /**
   * Sets or clears one flag of a bits field (an alarm bit, a mode bit), at once and until changed;
   * keeps the profile's alarm count metric equal to the alarm bits that are on.
   *
   * @throws IllegalArgumentException when no bits field of the profile has that flag
   */
  public synchronized void setFlag(String metric, boolean on) {
    for (Block b : profile.blocks()) {
      for (Field f : b.fields()) {
        if (f.codec().type() != FieldType.BITS || !f.codec().flags().containsValue(metric)) continue;
        int bit = f.codec().flags().entrySet().stream().filter(e -> e.getValue().equals(metric)).findFirst().orElseThrow().getKey();
        int word = bitWords.getOrDefault(f.name(), (int) f.sim().nominal());
        word = on ? word | (1 << bit) : word & ~(1 << bit);
        bitWords.put(f.name(), word);
        bank.setRegister(b.start() + f.codec().offset(), word);
        updateAlarmCount();
        return;
      }
    }
    throw new IllegalArgumentException("no bit '" + metric + "' in profile " + profile.name());
  }

  /** Clears every alarm bit of the profile (the controller's alarm reset). */
  public synchronized void resetAlarms() {
    for (String metric : profile.alarms().byMetric().keySet()) setFlag(metric, false);
  }

  /**
   * Serves a fixed engineering value for a numeric field (e.g. a low oil pressure) until changed.
   *
   * @throws IllegalArgumentException when the profile has no numeric field of that name
   */
  public void setValue(String metric, double value) {
    for (Block b : profile.blocks()) {
      for (Field f : b.fields()) {
        if (f.codec().type().numeric() && f.name().equals(metric)) {
          fixed.put(metric, value);
          writeRaw(b.start() + f.codec().offset(), f.codec(), Math.round(value / f.codec().scale()));
          return;
        }
      }
    }
    throw new IllegalArgumentException("no numeric field '" + metric + "' in profile " + profile.name());
  }

  /**
   * Serves an enum field's code for {@code label} (a genset status, a breaker state) until changed.
   *
   * @throws IllegalArgumentException when no enum field has that name and label
   */
  public synchronized void setLabel(String metric, String label) {
    for (Block b : profile.blocks()) {
      for (Field f : b.fields()) {
        if (f.codec().type() != FieldType.ENUM || !f.name().equals(metric)) continue;
        int code = f.codec().labels().entrySet().stream().filter(e -> e.getValue().equals(label)).map(Map.Entry::getKey)
            .findFirst().orElseThrow(() -> new IllegalArgumentException("no label '" + label + "' in " + metric));
        bitWords.put(f.name(), code);
        bank.setRegister(b.start() + f.codec().offset(), code);
        return;
      }
    }
    throw new IllegalArgumentException("no enum field '" + metric + "' in profile " + profile.name());
  }

  /** What the device shows now for a flag ({@code true}/{@code false}) or an enum (its label); null for others. */
  public String current(String metric) {
    for (Block b : profile.blocks()) {
      for (Field f : b.fields()) {
        int word = bank.register(b.start() + f.codec().offset());
        if (f.codec().type() == FieldType.BITS) {
          for (Map.Entry<Integer, String> e : f.codec().flags().entrySet()) {
            if (e.getValue().equals(metric)) return Boolean.toString((word & (1 << e.getKey())) != 0);
          }
        } else if (f.codec().type() == FieldType.ENUM && f.name().equals(metric)) {
          return f.codec().labels().getOrDefault(word, "unknown_" + word);
        }
      }
    }
    return null;
  }

  private void updateAlarmCount() {
    String count = profile.alarms().countMetric();
    if (count == null) return;
    int on = 0;
    for (Block b : profile.blocks()) {
      for (Field f : b.fields()) {
        Integer word = bitWords.get(f.name());
        if (word == null) continue;
        for (Map.Entry<Integer, String> e : f.codec().flags().entrySet()) {
          if ((word & (1 << e.getKey())) != 0 && profile.alarms().byMetric().containsKey(e.getValue())) on++;
        }
      }
    }
    setValue(count, on);
  }

  public Profile profile() {
    return profile;
  }
}
