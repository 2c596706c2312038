package io.gridwire.core.reading;

import java.util.Arrays;

/**
 * What one device last reported, per metric number ({@link MetricIndex}), in compact arrays:
 * the value's kind, its number (booleans as 0/1), its text (allocated only for devices with
 * text metrics) and the second it was last passed. About 13 bytes per metric. Not thread-safe:
 * {@link ChangeFilter} locks it.
 */
final class ChangeState {
  static final byte NONE = 0;
  static final byte NUM = 1;
  static final byte BOOL = 2;
  static final byte TEXT = 3;
  /** No-data kinds are {@code NO_DATA + reason.ordinal()}. */
  static final byte NO_DATA = 4;

  byte[] kind = new byte[0];
  double[] num = new double[0];
  int[] passedAt = new int[0];
  String[] text;
  /** Deadband per metric number, or null when the device has none; shared, never written. */
  Deadband[] bands;
  long lastTimestamp = Long.MIN_VALUE;

  void ensure(int index) {
    if (index < kind.length) return;
    int n = Math.max(index + 1, kind.length + (kind.length >> 1));
    kind = Arrays.copyOf(kind, n);
    num = Arrays.copyOf(num, n);
    passedAt = Arrays.copyOf(passedAt, n);
    if (text != null) text = Arrays.copyOf(text, n);
  }

  Deadband band(int index) {
    Deadband[] b = bands;
    return b == null || index >= b.length ? null : b[index];
  }

  static byte kindOf(Value v) {
    return switch (v) {
      case Value.Num ignored -> NUM;
      case Value.Bool ignored -> BOOL;
      case Value.Text ignored -> TEXT;
      case Value.NoData n -> (byte) (NO_DATA + n.reason().ordinal());
    };
  }

  /** True when {@code v} differs from what metric {@code i} last reported (beyond its deadband). */
  boolean changed(int i, Value v, byte k) {
    if (kind[i] != k) return true;
    return switch (v) {
      case Value.Num n -> {
        Deadband b = band(i);
        yield b == null ? Double.doubleToLongBits(num[i]) != Double.doubleToLongBits(n.value()) : b.exceeded(num[i], n.value());
      }
      case Value.Bool b -> (num[i] != 0) != b.value();
      case Value.Text t -> !t.value().equals(text[i]);
      case Value.NoData ignored -> false;
    };
  }

  void remember(int i, Value v, byte k, int second) {
    kind[i] = k;
    passedAt[i] = second;
    switch (v) {
      case Value.Num n -> num[i] = n.value();
      case Value.Bool b -> num[i] = b.value() ? 1 : 0;
      case Value.Text t -> {
        if (text == null) text = new String[kind.length];
        text[i] = t.value();
      }
      case Value.NoData ignored -> num[i] = 0;
    }
  }
}
