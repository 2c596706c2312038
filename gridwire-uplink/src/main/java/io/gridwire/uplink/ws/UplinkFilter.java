package io.gridwire.uplink.ws;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which readings the uplink forwards. Empty lists mean everything. Patterns are exact names or
 * globs with {@code *} ({@code gen-*}, {@code batt_*}).
 *
 * @param devices device ids to forward
 * @param metrics metric names to forward; a reading left with no metric is not sent
 */
public record UplinkFilter(List<String> devices, List<String> metrics) {
  public static final UplinkFilter ALL = new UplinkFilter(List.of(), List.of());

  public UplinkFilter {
    devices = devices == null ? List.of() : List.copyOf(devices);
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
  }

  public boolean device(String id) {
    return devices.isEmpty() || matchesAny(devices, id);
  }

  public boolean metric(String name) {
    return metrics.isEmpty() || matchesAny(metrics, name);
  }

  private static boolean matchesAny(List<String> patterns, String s) {
    for (String p : patterns) {
      if (p.equals(s) || (p.contains("*") && glob(p).matcher(s).matches())) return true;
    }
    return false;
  }

  private static Pattern glob(String p) {
    StringBuilder re = new StringBuilder();
    for (String part : p.split("\\*", -1)) {
      if (!re.isEmpty()) re.append(".*");
      re.append(Pattern.quote(part));
    }
    return Pattern.compile(re.toString());
  }
}
