package io.gridwire.notify.mail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A plain-text mail (RFC 5322). Header values are stripped of line breaks (no header injection
 * from alarm names); a non-ASCII subject is an RFC 2047 encoded word, a non-ASCII body base64.
 *
 * @param from sender
 * @param to recipients (≥ 1)
 * @param subject subject line
 * @param body text, lines separated by {@code \n}
 * @param date the Date header
 */
public record MailMessage(String from, List<String> to, String subject, String body, Instant date) {
  public MailMessage {
    to = List.copyOf(to);
    if (to.isEmpty()) throw new IllegalArgumentException("a mail needs a recipient");
  }

  /** The message as sent after DATA: CRLF lines, dot-stuffed, ending with CRLF (not the final dot). */
  public String render() {
    StringBuilder m = new StringBuilder();
    header(m, "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(date.atOffset(ZoneOffset.UTC)));
    header(m, "From", from);
    header(m, "To", String.join(", ", to));
    header(m, "Subject", ascii(subject) ? oneLine(subject) : "=?UTF-8?B?"
        + Base64.getEncoder().encodeToString(oneLine(subject).getBytes(StandardCharsets.UTF_8)) + "?=");
    header(m, "Message-ID", "<" + UUID.randomUUID() + "@gridwire>");
    header(m, "MIME-Version", "1.0");
    header(m, "Content-Type", "text/plain; charset=UTF-8");
    boolean plain = ascii(body);
    header(m, "Content-Transfer-Encoding", plain ? "7bit" : "base64");
    m.append("\r\n");
    String text = plain ? body : Base64.getMimeEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));
    // Every CR, LF or CRLF ends a line: a lone CR must not reach DATA (the "\r.\r\n" smuggling shape).
    for (String line : text.split("\r\n|\r|\n", -1)) {
      if (line.startsWith(".")) m.append('.');
      m.append(line).append("\r\n");
    }
    return m.toString();
  }

  private static void header(StringBuilder m, String name, String value) {
    m.append(name).append(": ").append(oneLine(value)).append("\r\n");
  }

  private static String oneLine(String s) {
    return s.replaceAll("[\\r\\n]+", " ");
  }

  private static boolean ascii(String s) {
    return s.chars().allMatch(c -> c < 128);
  }
}
