package io.gridwire.notify.mail;

import io.gridwire.notify.NoticeFilter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One group of mail recipients.
 *
 * @param name short id for logs
 * @param to recipient addresses (≥ 1)
 * @param filter which alarms are mailed
 * @param digestWindow how long alarms are collected after the first one before one mail lists
 *     them all (an alarm storm sends one mail, not hundreds)
 * @param maxListed most alarms listed in one mail (the rest are counted)
 */
public record EmailConfig(String name, List<String> to, NoticeFilter filter, Duration digestWindow, int maxListed) {
  private static final Pattern ADDRESS = Pattern.compile("[^\\s<>@,;]+@[^\\s<>@,;]+");

  public EmailConfig {
    Objects.requireNonNull(name, "name");
    to = List.copyOf(to);
    filter = filter == null ? NoticeFilter.ALL : filter;
    digestWindow = digestWindow == null ? Duration.ofSeconds(30) : digestWindow;
    if (to.isEmpty()) throw new IllegalArgumentException("email " + name + ": no recipient");
    if (maxListed < 1) throw new IllegalArgumentException("email " + name + ": max listed must be ≥ 1: " + maxListed);
  }

  /** Whether {@code a} is a plain address (no display name, no line breaks, nothing SMTP would misread). */
  public static boolean isAddress(String a) {
    return a != null && ADDRESS.matcher(a).matches();
  }
}
