package io.gridwire.modbus.register;

/**
 * Pure conversions from register words (each an int 0..65535) to integers. No validation: the
 * caller guarantees the index is inside the array.
 */
public final class Words {
  private Words() {}

  public static int u16(int[] r, int i) {
    return r[i] & 0xFFFF;
  }

  public static int s16(int[] r, int i) {
    return (short) r[i];
  }

  public static long u32(int[] r, int i, WordOrder order) {
    return Integer.toUnsignedLong(raw32(r, i, order));
  }

  public static int s32(int[] r, int i, WordOrder order) {
    return raw32(r, i, order);
  }

  private static int raw32(int[] r, int i, WordOrder order) {
    int first = r[i] & 0xFFFF;
    int second = r[i + 1] & 0xFFFF;
    return order == WordOrder.LOW_FIRST ? (second << 16) | first : (first << 16) | second;
  }

  /** The integer a numeric field holds, signed or unsigned by its type. */
  public static long integer(FieldType type, int[] r, int i, WordOrder order) {
    return switch (type) {
      case U16, BITS, ENUM -> u16(r, i);
      case S16 -> s16(r, i);
      case U32 -> u32(r, i, order);
      case S32 -> s32(r, i, order);
    };
  }
}
