package io.gridwire.modbus.register;

import java.util.Locale;

/** How a field's register words become a value. */
public enum FieldType {
  /** Unsigned 16-bit, one register. */
  U16(1),
  /** Two's-complement 16-bit, one register. */
  S16(1),
  /** Unsigned 32-bit, two registers in the field's {@link WordOrder}. */
  U32(2),
  /** Two's-complement 32-bit, two registers in the field's {@link WordOrder}. */
  S32(2),
  /** Named bit flags of one register, each a boolean metric. */
  BITS(1),
  /** A status code of one register, mapped to a label by the field's table. */
  ENUM(1);

  private final int words;

  FieldType(int words) {
    this.words = words;
  }

  /** Registers the field occupies. */
  public int words() {
    return words;
  }

  /** True for numbers read from a sensor (the Smartgen sentinel applies to the 16-bit ones). */
  public boolean numeric() {
    return this == U16 || this == S16 || this == U32 || this == S32;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static FieldType fromWire(String s) {
    for (FieldType t : values()) {
      if (t.wireName().equals(s)) return t;
    }
    throw new IllegalArgumentException("unknown type '" + s + "' (expected u16, s16, u32, s32, bits or enum)");
  }
}
