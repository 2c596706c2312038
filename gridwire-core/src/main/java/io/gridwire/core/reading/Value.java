package io.gridwire.core.reading;

import java.util.Objects;

/**
 * One metric value: a number, a boolean, a string, or explicit no-data with a reason (SPEC §2).
 * No-data is never a fake zero.
 */
public sealed interface Value permits Value.Num, Value.Bool, Value.Text, Value.NoData {

  /**
   * A finite number. Integers up to 2^53 are exact. NaN and ±infinity are never numbers here
   * (they would reach history and JSON as text): {@link Value#of(double)} turns them into
   * {@link #OUT_OF_RANGE}, and this constructor refuses them.
   */
  record Num(double value) implements Value {
    public Num {
      if (!Double.isFinite(value)) throw new IllegalArgumentException("not a finite number: " + value);
    }
  }

  /** A boolean flag (alarm bit, relay state). */
  record Bool(boolean value) implements Value {}

  /** A text value (status label, firmware string). Never null. */
  record Text(String value) implements Value {
    public Text {
      Objects.requireNonNull(value, "value");
    }
  }

  /** No data, and why. */
  record NoData(NoDataReason reason) implements Value {
    public NoData {
      Objects.requireNonNull(reason, "reason");
    }
  }

  NoData SENTINEL = new NoData(NoDataReason.SENTINEL);
  NoData OUT_OF_RANGE = new NoData(NoDataReason.OUT_OF_RANGE);
  NoData COMM_LOST = new NoData(NoDataReason.COMM_LOST);
  NoData ABSENT = new NoData(NoDataReason.ABSENT);
  Bool TRUE = new Bool(true);
  Bool FALSE = new Bool(false);

  /** A finite number as {@link Num}; NaN and ±infinity (an overflow) as {@link #OUT_OF_RANGE}. */
  static Value of(double v) {
    return Double.isFinite(v) ? new Num(v) : OUT_OF_RANGE;
  }

  static Value of(boolean v) {
    return v ? TRUE : FALSE;
  }

  static Value of(String v) {
    return v == null ? ABSENT : new Text(v);
  }

  static Value noData(NoDataReason reason) {
    return switch (reason) {
      case SENTINEL -> SENTINEL;
      case OUT_OF_RANGE -> OUT_OF_RANGE;
      case COMM_LOST -> COMM_LOST;
      case ABSENT -> ABSENT;
    };
  }

  /** The value as a JSON-friendly Java object: Double, Boolean, String, or null for no-data. */
  default Object toPlain() {
    return switch (this) {
      case Num n -> n.value();
      case Bool b -> b.value();
      case Text t -> t.value();
      case NoData ignored -> null;
    };
  }

  /** The numeric form used for history and charts: numbers, booleans as 0/1, else null. */
  default Double asDouble() {
    return switch (this) {
      case Num n -> n.value();
      case Bool b -> b.value() ? 1.0 : 0.0;
      case Text ignored -> null;
      case NoData ignored -> null;
    };
  }

  default boolean isNoData() {
    return this instanceof NoData;
  }
}
