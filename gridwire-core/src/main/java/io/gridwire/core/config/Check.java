package io.gridwire.core.config;

import java.time.Duration;
import java.util.List;

/**
 * Validation helpers for the compact constructors of config records. Every message starts with
 * the key path it names ({@code oig.listen_port out of range 0..65535: 70000}), so the same record
 * gives the same sentence to {@code gridwire config check}, to the start and to the API.
 */
public final class Check {
  private Check() {}

  public static int range(String key, int value, int min, int max) {
    if (value < min || value > max) throw new IllegalArgumentException(key + " out of range " + min + ".." + max + ": " + value);
    return value;
  }

  public static long atLeast(String key, long value, long min) {
    if (value < min) throw new IllegalArgumentException(key + " must be ≥ " + min + ": " + value);
    return value;
  }

  public static Duration positive(String key, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) throw new IllegalArgumentException(key + " must be a positive duration: " + value);
    return value;
  }

  public static String nonBlank(String key, String value) {
    if (value == null || value.isBlank()) throw new IllegalArgumentException(key + " must not be empty");
    return value;
  }

  public static <T> T orDefault(T value, T fallback) {
    return value == null ? fallback : value;
  }

  /** An immutable copy, empty for null. */
  public static <T> List<T> list(List<T> value) {
    return value == null ? List.of() : List.copyOf(value);
  }
}
