package io.gridwire.notify;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import io.gridwire.notify.mail.EmailConfig;
import io.gridwire.notify.mail.SmtpConfig;
import io.gridwire.notify.webhook.WebhookConfig;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code notifications} section: alarm notifications by webhook and e-mail (docs/alarms.md, Notifications). */
public record NotificationsConfig(
    @Doc("Webhooks (a list; see the per-webhook keys below).") List<WebhookConfig> webhooks,
    @Doc("E-mail recipient groups (a list; see the per-group keys below).") List<EmailConfig> emails,
    @Doc("Most notifications each webhook's or e-mail group's durable queue keeps while its receiver or mail "
        + "server is unreachable; beyond it the oldest are dropped, counted and logged.") long queueMaxMessages,
    @Doc("Oldest notification a webhook or e-mail queue keeps.") Duration queueMaxAge,
    @Doc("SMTP server for notifications.emails.") SmtpConfig smtp) {
  public NotificationsConfig {
    webhooks = Check.list(webhooks);
    emails = Check.list(emails);
    smtp = Check.orDefault(smtp, SmtpConfig.defaults());
    Check.atLeast("notifications.queue_max_messages", queueMaxMessages, 1);
    Check.positive("notifications.queue_max_age", queueMaxAge);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < webhooks.size(); i++) {
      String path = "notifications.webhooks[" + i + "]";
      if (webhooks.get(i) == null) throw new IllegalArgumentException(path + " is empty");
      webhooks.get(i).check(path);
      if (!names.add(webhooks.get(i).name())) {
        throw new IllegalArgumentException(path + ".name repeats an earlier webhook: " + webhooks.get(i).name());
      }
    }
    for (int i = 0; i < emails.size(); i++) {
      String path = "notifications.emails[" + i + "]";
      if (emails.get(i) == null) throw new IllegalArgumentException(path + " is empty");
      emails.get(i).check(path);
    }
    if (!emails.isEmpty()) smtp.checkUsable();
  }

  /** No webhook, no e-mail; queues keep 100,000 notifications for 7 days. */
  public static NotificationsConfig defaults() {
    return new NotificationsConfig(List.of(), List.of(), 100_000, Duration.ofDays(7), SmtpConfig.defaults());
  }
}
