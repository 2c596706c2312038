package io.gridwire.notify;

import io.gridwire.core.alarm.Severity;
import java.util.List;
import java.util.Set;

/**
 * Which alarms a channel sends: by severity and site. An empty list passes everything.
 *
 * @param severities severities sent
 * @param sites site codes sent (an alarm without a site passes only an empty list)
 */
public record NoticeFilter(Set<Severity> severities, List<String> sites) {
  public static final NoticeFilter ALL = new NoticeFilter(Set.of(), List.of());

  public NoticeFilter {
    severities = severities == null ? Set.of() : Set.copyOf(severities);
    sites = sites == null ? List.of() : List.copyOf(sites);
  }

  /**
   * The filter of a config list of severity wire names ({@code critical}, {@code warning},
   * {@code info}) and site codes; null or empty lists pass everything.
   *
   * @param key the key path of the severities, named in the error ({@code notifications.webhooks[0].severities})
   */
  public static NoticeFilter of(String key, List<String> severityNames, List<String> sites) {
    Set<Severity> out = new java.util.HashSet<>();
    if (severityNames != null) {
      for (int i = 0; i < severityNames.size(); i++) {
        try {
          out.add(Severity.fromWire(severityNames.get(i)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(key + "[" + i + "]: " + e.getMessage());
        }
      }
    }
    return new NoticeFilter(out, sites);
  }

  public boolean matches(AlarmNotice n) {
    return (severities.isEmpty() || severities.contains(n.severity()))
        && (sites.isEmpty() || (n.site() != null && sites.contains(n.site())));
  }
}
