package io.gridwire.web.rest;

import io.gridwire.core.api.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Query parameters of one request, parsed strictly: an unknown parameter name or a bad value is a
 * 400 naming the parameter. Names starting with {@code _} (cache busters) and {@code token} are
 * ignored.
 */
public final class Params {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
  private final Map<String, List<String>> query;

  private Params(Map<String, List<String>> query) {
    this.query = query;
  }

  /** Checks that only {@code allowed} names occur. */
  public static Params of(Map<String, List<String>> query, Set<String> allowed) {
    for (String name : query.keySet()) {
      if (!allowed.contains(name) && !name.startsWith("_") && !name.equals("token")) {
        throw new ApiException(400, "bad_request", "unknown parameter '" + name + "' (allowed: "
            + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
    }
    return new Params(query);
  }

  /** The value, or null when absent or empty. */
  public String string(String name) {
    List<String> v = query.get(name);
    if (v == null || v.isEmpty() || v.get(0).isBlank()) return null;
    if (v.size() > 1) throw bad(name, "given more than once");
    return v.get(0).trim();
  }

  public String required(String name) {
    String v = string(name);
    if (v == null) throw bad(name, "is required");
    return v;
  }

  public Boolean bool(String name) {
    String v = string(name);
    if (v == null) return null;
    return switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw bad(name, "must be true or false, got '" + v + "'");
    };
  }

  public int integer(String name, int dflt, int min, int max) {
    String v = string(name);
    if (v == null) return dflt;
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) throw bad(name, "must be " + min + ".." + max + ", got " + n);
      return n;
    } catch (NumberFormatException e) {
      throw bad(name, "must be an integer, got '" + v + "'");
    }
  }

  /**
   * An ISO-8601 instant ({@code 2025-01-01T00:00:00Z}), {@code now}, or a time relative to now
   * ({@code -1h}, {@code -30m}, {@code -7d}); {@code dflt} when absent.
   */
  public Instant instant(String name, Instant now, Instant dflt) {
    String v = string(name);
    if (v == null) return dflt;
    if (v.equals("now")) return now;
    if (v.startsWith("-")) return now.minus(parseDuration(name, v.substring(1)));
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw bad(name, "must be an ISO-8601 instant (2025-01-01T00:00:00Z), 'now' or relative like -1h, got '" + v + "'");
    }
  }

  /** A positive duration such as {@code 500ms}, {@code 60s}, {@code 5m}, {@code 1h}, {@code 1d}; null when absent. */
  public Duration duration(String name) {
    String v = string(name);
    return v == null ? null : parseDuration(name, v);
  }

  static Duration parseDuration(String name, String v) {
    Matcher m = DURATION.matcher(v);
    if (!m.matches()) throw bad(name, "must be a duration like 60s, 5m, 1h or 1d, got '" + v + "'");
    long n = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
    if (d.isZero()) throw bad(name, "must be positive, got '" + v + "'");
    return d;
  }

  public static ApiException bad(String name, String why) {
    return new ApiException(400, "bad_request", "parameter '" + name + "' " + why);
  }
}
