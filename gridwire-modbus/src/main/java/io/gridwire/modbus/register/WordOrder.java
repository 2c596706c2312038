package io.gridwire.modbus.register;

import java.util.Locale;

/**
 * How a 32-bit value spans two registers. Smartgen (both controllers) sends the low word first
 * ("CDAB"): {@code value = reg[n+1] << 16 | reg[n]}.
 */
public enum WordOrder {
  /** {@code reg[n]} is the low word (Smartgen default). */
  LOW_FIRST,
  /** {@code reg[n]} is the high word (Modbus "ABCD"). */
  HIGH_FIRST;

  /** Parses {@code low_first} / {@code high_first}; throws naming the accepted words. */
  public static WordOrder fromWire(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "low_first", "cdab" -> LOW_FIRST;
      case "high_first", "abcd" -> HIGH_FIRST;
      default -> throw new IllegalArgumentException("unknown word order '" + s + "' (expected low_first or high_first)");
    };
  }
}
