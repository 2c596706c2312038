package io.gridwire.app.config;

import io.gridwire.core.alarm.Severity;
import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Alarm notifications: webhooks and e-mail (docs/alarms.md, Notifications). */
public record NotificationsConfig(
    @Doc("Webhooks (a list; see the per-webhook keys below).") List<WebhookConfig> webhooks,
    @Doc("E-mail recipient groups (a list; see the per-group keys below).") List<EmailConfig> emails,
    @Doc("Most notifications each webhook's or e-mail group's durable queue keeps while its receiver or mail server is unreachable; beyond it the oldest are dropped, counted and logged.") long queueMaxMessages,
    @Doc("Oldest notification a webhook or e-mail queue keeps.") Duration queueMaxAge,
    @Doc("SMTP server for notifications.emails.") SmtpConfig smtp) {
  public NotificationsConfig {
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    emails = emails == null ? List.of() : List.copyOf(emails);
    smtp = Check.orDefault(smtp, SmtpConfig.defaults());
    if (queueMaxMessages < 1) throw new IllegalArgumentException("notifications.queue_max_messages must be ≥ 1: " + queueMaxMessages);
    Check.positive("notifications.queue_max_age", queueMaxAge);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < webhooks.size(); i++) checkWebhook("notifications.webhooks[" + i + "]", webhooks.get(i), names);
    for (int i = 0; i < emails.size(); i++) checkEmail("notifications.emails[" + i + "]", emails.get(i));
    if (!emails.isEmpty()) {
      Check.nonBlank("notifications.smtp.host", smtp.host());
      if (!io.gridwire.notify.mail.EmailConfig.isAddress(smtp.from())) {
        throw new IllegalArgumentException("notifications.smtp.from is not a plain address: " + smtp.from());
      }
    }
  }

  private static void checkWebhook(String path, WebhookConfig w, Set<String> names) {
    if (w == null) throw new IllegalArgumentException(path + " is empty");
    Check.nonBlank(path + ".name", w.name());
    if (!w.name().matches("[a-z0-9_-]{1,32}")) throw new IllegalArgumentException(path + ".name must be 1..32 of a-z 0-9 - _: " + w.name());
    if (!names.add(w.name())) throw new IllegalArgumentException(path + ".name repeats an earlier webhook: " + w.name());
    Check.nonBlank(path + ".url", w.url());
    URI u;
    try {
      u = URI.create(w.url());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ".url is not a URL: " + w.url());
    }
    if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
      throw new IllegalArgumentException(path + ".url must be http:// or https:// with a host: " + w.url());
    }
    if (w.timeout() != null) Check.positive(path + ".timeout", w.timeout());
    severities(path + ".severities", w.severities());
  }

  private static void checkEmail(String path, EmailConfig e) {
    if (e == null) throw new IllegalArgumentException(path + " is empty");
    Check.nonBlank(path + ".name", e.name());
    if (e.to() == null || e.to().isEmpty()) throw new IllegalArgumentException(path + ".to is empty");
    for (int j = 0; j < e.to().size(); j++) {
      if (!io.gridwire.notify.mail.EmailConfig.isAddress(e.to().get(j))) {
        throw new IllegalArgumentException(path + ".to[" + j + "] is not a plain address: " + e.to().get(j));
      }
    }
    if (e.digestWindow() != null) Check.positive(path + ".digest_window", e.digestWindow());
    if (e.maxListed() != null) Check.range(path + ".max_listed", e.maxListed(), 1, 100_000);
    severities(path + ".severities", e.severities());
  }

  /** Parses a severity list; a wrong name fails with its key path. */
  static Set<Severity> severities(String path, List<String> names) {
    Set<Severity> out = new HashSet<>();
    if (names == null) return out;
    for (int i = 0; i < names.size(); i++) {
      try {
        out.add(Severity.fromWire(names.get(i)));
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(path + "[" + i + "]: " + ex.getMessage());
      }
    }
    return out;
  }

  public static NotificationsConfig defaults() {
    return new NotificationsConfig(List.of(), List.of(), 100_000, Duration.ofDays(7), SmtpConfig.defaults());
  }
}
