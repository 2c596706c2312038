package io.gridwire.core.reading;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a metric is presented as a Home Assistant entity, as its connector declares it.
 *
 * @param visibility whether the entity is a primary one (enabled by default) or a diagnostic one
 *     (disabled by default), or null to let the publisher decide by its rule
 * @param options for a status code or state name: the published value (as text) → the option
 *     Home Assistant shows, in order; empty when the metric is not an enum
 */
public record EntityHint(Visibility visibility, Map<String, String> options) {
  /** No declaration: the publisher's rule decides, no options. */
  public static final EntityHint NONE = new EntityHint(null, Map.of());

  public enum Visibility {
    /** A value an operator watches: enabled by default, no entity category. */
    PRIMARY,
    /** Everything else: {@code entity_category: diagnostic}, disabled by default. */
    DIAGNOSTIC
  }

  public EntityHint {
    options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  public static EntityHint of(Visibility visibility) {
    return new EntityHint(visibility, Map.of());
  }

  public EntityHint withOptions(Map<String, String> opts) {
    return new EntityHint(visibility, opts);
  }

  public boolean isEnum() {
    return !options.isEmpty();
  }

  /** Parses {@code primary} / {@code diagnostic} (case-insensitive); null stays null. */
  public static Visibility parseVisibility(String s) {
    if (s == null) return null;
    return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "primary" -> Visibility.PRIMARY;
      case "diagnostic" -> Visibility.DIAGNOSTIC;
      default -> throw new IllegalArgumentException("'" + s + "' is not primary or diagnostic");
    };
  }
}
