package io.gridwire.notify.mail;

import io.gridwire.notify.AlarmNotice;
import java.util.List;
import java.util.Map;

/** Renders a digest as a mail subject and body: a summary line, then one line per alarm event. */
final class DigestMail {
  private DigestMail() {}

  static String subject(List<AlarmNotice> notices) {
    if (notices.size() == 1) {
      AlarmNotice n = notices.get(0);
      return "[Gridwire] " + n.severity().wireName() + " alarm " + (n.raised() ? "raised" : "cleared") + ": "
          + n.name() + " on " + n.deviceId();
    }
    long raised = notices.stream().filter(AlarmNotice::raised).count();
    long critical = notices.stream().filter(n -> n.raised() && n.severity() == io.gridwire.core.alarm.Severity.CRITICAL)
        .count();
    return "[Gridwire] " + raised + " alarms raised, " + (notices.size() - raised) + " cleared"
        + (critical > 0 ? " (" + critical + " critical)" : "");
  }

  static String body(List<AlarmNotice> notices, int maxListed, long droppedSoFar) {
    StringBuilder b = new StringBuilder();
    b.append(notices.size()).append(" alarm events, oldest first:\n\n");
    int n = Math.min(maxListed, notices.size());
    for (int i = 0; i < n; i++) line(b, notices.get(i));
    if (notices.size() > n) b.append("... and ").append(notices.size() - n).append(" more (see /api/events).\n");
    if (droppedSoFar > 0) {
      b.append("\n").append(droppedSoFar).append(" older events were dropped while mail could not be sent.\n");
    }
    return b.toString();
  }

  private static void line(StringBuilder b, AlarmNotice n) {
    b.append(n.time()).append("  ").append(n.raised() ? "RAISED " : "CLEARED").append("  ")
        .append(String.format("%-8s", n.severity().wireName())).append("  ").append(n.deviceId());
    if (n.site() != null && !n.site().isEmpty()) b.append(" (").append(n.site()).append(')');
    b.append("  ").append(n.name());
    for (Map.Entry<String, String> v : n.values().entrySet()) b.append("  ").append(v.getKey()).append('=').append(v.getValue());
    b.append('\n');
  }
}
