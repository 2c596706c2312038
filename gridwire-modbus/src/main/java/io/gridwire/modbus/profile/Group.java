package io.gridwire.modbus.profile;

import java.util.Locale;

/** How often a block is read: every poll, or every {@code slowEvery}-th poll of the device. */
public enum Group {
  FAST,
  SLOW;

  public static Group fromWire(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "fast" -> FAST;
      case "slow" -> SLOW;
      default -> throw new IllegalArgumentException("unknown group '" + s + "' (expected fast or slow)");
    };
  }
}
