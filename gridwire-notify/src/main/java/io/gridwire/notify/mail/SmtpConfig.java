package io.gridwire.notify.mail;

import java.time.Duration;
import java.util.Objects;

/**
 * The SMTP server mail goes through.
 *
 * @param host server name or address
 * @param port 25 or 587 (submission), 1..65535
 * @param starttls upgrade to TLS with STARTTLS before anything else is sent; the server must offer
 *     it and its certificate must be valid for {@code host}
 * @param username AUTH PLAIN user, or null for no authentication
 * @param password AUTH PLAIN password (never logged)
 * @param from sender address
 * @param timeout bound on connecting and on each server answer
 */
public record SmtpConfig(String host, int port, boolean starttls, String username, String password, String from,
    Duration timeout) {
  public SmtpConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(from, "from");
    timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    if (port < 1 || port > 65_535) throw new IllegalArgumentException("SMTP port out of range 1..65535: " + port);
  }

  @Override
  public String toString() {
    return "smtp://" + host + ":" + port + (starttls ? " (STARTTLS)" : "") + (username == null ? "" : " as " + username);
  }
}
