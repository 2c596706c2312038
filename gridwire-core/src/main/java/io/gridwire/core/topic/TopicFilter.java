package io.gridwire.core.topic;

import java.nio.charset.StandardCharsets;

/**
 * MQTT 3.1.1 topic filters (§4.7): {@code +} is exactly one level, {@code #} the rest (also the
 * parent level: {@code a/#} matches {@code a}) and only as the last level; a filter starting with
 * a wildcard never matches a topic starting with {@code $}. Pure, allocation-free matching.
 */
public final class TopicFilter {
  private static final int MAX_BYTES = 65_535;

  private TopicFilter() {}

  /** Why {@code filter} is not a valid topic filter, or null when it is. */
  public static String problem(String filter) {
    if (filter == null || filter.isEmpty()) return "empty";
    if (filter.indexOf('\u0000') >= 0) return "contains NUL";
    if (filter.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) return "longer than 65,535 bytes";
    int start = 0;
    while (true) {
      int end = filter.indexOf('/', start);
      boolean last = end < 0;
      if (last) end = filter.length();
      String level = filter.substring(start, end);
      if (level.indexOf('#') >= 0 && (!level.equals("#") || !last)) return "'#' must be a whole level and the last one";
      if (level.indexOf('+') >= 0 && !level.equals("+")) return "'+' must be a whole level";
      if (last) return null;
      start = end + 1;
    }
  }

  /**
   * Validates {@code filter}; the message names {@code key}.
   *
   * @throws IllegalArgumentException when it is not a valid topic filter
   */
  public static String check(String key, String filter) {
    String problem = problem(filter);
    if (problem != null) {
      throw new IllegalArgumentException(key + " is not an MQTT topic filter (" + problem + "): '" + filter + "'");
    }
    return filter;
  }

  /** Whether {@code topic} (a concrete topic name) matches the valid filter {@code filter}. */
  public static boolean matches(String filter, String topic) {
    if (!topic.isEmpty() && topic.charAt(0) == '$' && (filter.charAt(0) == '+' || filter.charAt(0) == '#')) {
      return false;
    }
    int f = 0;
    int t = 0;
    boolean topicDone = false;
    while (true) {
      int fe = filter.indexOf('/', f);
      boolean filterLast = fe < 0;
      if (filterLast) fe = filter.length();
      if (fe - f == 1 && filter.charAt(f) == '#') return true;
      if (topicDone) return false;
      int te = topic.indexOf('/', t);
      boolean topicLast = te < 0;
      if (topicLast) te = topic.length();
      boolean plus = fe - f == 1 && filter.charAt(f) == '+';
      if (!plus && (fe - f != te - t || !filter.regionMatches(f, topic, t, te - t))) return false;
      if (filterLast) return topicLast;
      topicDone = topicLast;
      f = fe + 1;
      t = te + 1;
    }
  }

  /** Whether {@code topic} matches any of the valid {@code filters}. */
  public static boolean matchesAny(java.util.List<String> filters, String topic) {
    for (int i = 0; i < filters.size(); i++) {
      if (matches(filters.get(i), topic)) return true;
    }
    return false;
  }
}
