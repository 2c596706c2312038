package io.gridwire.notify.mail;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import io.gridwire.notify.NoticeFilter;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One element of {@code notifications.emails}: a group of mail recipients of alarm digests. An
 * alarm storm sends one mail, not hundreds. Key paths with the list index are checked by
 * {@link io.gridwire.notify.NotificationsConfig}.
 */
public record EmailConfig(
    @Doc("Short name for logs (required).") String name,
    @Doc("Recipient addresses (required, at least one).") List<String> to,
    @Doc("Severities mailed: critical, warning, info (empty = all).") List<String> severities,
    @Doc("Site codes mailed (empty = all).") List<String> sites,
    @Doc("Alarms are collected this long after the first one, then one mail lists them all (default 30s).") Duration digestWindow,
    @Doc("Most alarms listed in one mail; the rest are counted (default 500).") Integer maxListed) {
  private static final Pattern ADDRESS = Pattern.compile("[^\\s<>@,;]+@[^\\s<>@,;]+");

  public EmailConfig {
    to = Check.list(to);
    severities = Check.list(severities);
    sites = Check.list(sites);
    digestWindow = Check.orDefault(digestWindow, Duration.ofSeconds(30));
    maxListed = Check.orDefault(maxListed, 500);
  }

  /** Checks every value, each message starting with {@code path} ({@code notifications.emails[0]}). */
  public void check(String path) {
    Check.nonBlank(path + ".name", name);
    if (to.isEmpty()) throw new IllegalArgumentException(path + ".to is empty");
    for (int j = 0; j < to.size(); j++) {
      if (!isAddress(to.get(j))) throw new IllegalArgumentException(path + ".to[" + j + "] is not a plain address: " + to.get(j));
    }
    Check.positive(path + ".digest_window", digestWindow);
    Check.range(path + ".max_listed", maxListed, 1, 100_000);
    NoticeFilter.of(path + ".severities", severities, sites);
  }

  public NoticeFilter filter() {
    return NoticeFilter.of("severities", severities, sites);
  }

  /** Whether {@code a} is a plain address (no display name, no line breaks, nothing SMTP would misread). */
  public static boolean isAddress(String a) {
    return a != null && ADDRESS.matcher(a).matches();
  }
}
