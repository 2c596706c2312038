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

  public boolean matches(AlarmNotice n) {
    return (severities.isEmpty() || severities.contains(n.severity()))
        && (sites.isEmpty() || (n.site() != null && sites.contains(n.site())));
  }
}
