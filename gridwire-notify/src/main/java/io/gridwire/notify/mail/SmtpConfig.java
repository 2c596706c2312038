package io.gridwire.notify.mail;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import java.time.Duration;

/** The {@code notifications.smtp} section: the SMTP server alarm mails go through. */
public record SmtpConfig(
    @Doc("SMTP server host (required when notifications.emails is not empty).") String host,
    @Doc("SMTP port: 25, or 587 for submission.") int port,
    @Doc("Upgrade to TLS with STARTTLS (the server must offer it; its certificate is checked).") boolean starttls,
    @Doc("AUTH PLAIN user (unset = no authentication).") String username,
    @Doc("AUTH PLAIN password (env GRIDWIRE_NOTIFICATIONS_SMTP_PASSWORD).") String password,
    @Doc("Sender address (required with host).") String from,
    @Doc("Bound on connecting and on each server answer.") Duration timeout) {
  public SmtpConfig {
    Check.range("notifications.smtp.port", port, 1, 65_535);
    timeout = Check.orDefault(timeout, Duration.ofSeconds(30));
    Check.positive("notifications.smtp.timeout", timeout);
    username = username == null || username.isBlank() ? null : username;
  }

  /** No server; port 25, no TLS, 30 s. */
  public static SmtpConfig defaults() {
    return new SmtpConfig(null, 25, false, null, null, null, Duration.ofSeconds(30));
  }

  /** Checks what sending needs: a host and a plain sender address. */
  public void checkUsable() {
    Check.nonBlank("notifications.smtp.host", host);
    if (!EmailConfig.isAddress(from)) throw new IllegalArgumentException("notifications.smtp.from is not a plain address: " + from);
  }

  @Override
  public String toString() {
    return "smtp://" + host + ":" + port + (starttls ? " (STARTTLS)" : "") + (username == null ? "" : " as " + username);
  }
}
