package io.gridwire.app.config;

import java.time.Duration;

/** Validation helpers for config compact constructors; messages name the key. */
final class Check {
  private Check() {}

  static int range(String key, int value, int min, int max) {
    if (value < min || value > max) throw new IllegalArgumentException(key + " out of range " + min + ".." + max + ": " + value);
    return value;
  }

  static Duration positive(String key, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) throw new IllegalArgumentException(key + " must be a positive duration: " + value);
    return value;
  }

  static String nonBlank(String key, String value) {
    if (value == null || value.isBlank()) throw new IllegalArgumentException(key + " must not be empty");
    return value;
  }

  static <T> T orDefault(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
