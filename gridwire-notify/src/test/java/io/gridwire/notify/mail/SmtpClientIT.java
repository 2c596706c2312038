package io.gridwire.notify.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpClientIT {
  private static final MailMessage MAIL = new MailMessage("gw@example.org", List.of("ops@example.org"), "s",
      "line\n.dot", Instant.parse("2026-01-01T00:00:00Z"));

  private static String polite(String line) {
    if (line.startsWith("EHLO")) return "250-mail.example.org\r\n250-AUTH PLAIN\r\n250 8BITMIME";
    if (line.startsWith("AUTH PLAIN")) return "235 ok";
    if (line.equals("DATA")) return "354 go on";
    if (line.equals("QUIT")) return "221 bye";
    return "250 ok";
  }

  private static SmtpClient client(int port, String user) {
    return new SmtpClient(new SmtpConfig("127.0.0.1", port, false, user, "pa55", "gw@example.org",
        Duration.ofMillis(700)));
  }

  @Test
  void send_withAuth_sendsPlainTokenAndDotStuffedBody() throws Exception {
    try (ScriptedSmtpServer s = new ScriptedSmtpServer("220 hi", SmtpClientIT::polite)) {
      client(s.port(), "gridwire").send(MAIL);
      String token = Base64.getEncoder().encodeToString("\0gridwire\0pa55".getBytes(StandardCharsets.UTF_8));
      assertThat(s.received).contains("AUTH PLAIN " + token, "MAIL FROM:<gw@example.org>", "RCPT TO:<ops@example.org>",
          "..dot", ".");
    }
  }

  @Test
  void send_recipientRefused_throwsWithTheServersCode() throws Exception {
    try (ScriptedSmtpServer s = new ScriptedSmtpServer("220 hi",
        l -> l.startsWith("RCPT") ? "550 5.1.1 no such user" : polite(l))) {
      assertThatThrownBy(() -> client(s.port(), null).send(MAIL)).isInstanceOf(SmtpException.class)
          .hasMessageContaining("550 5.1.1 no such user").extracting(e -> ((SmtpException) e).code()).isEqualTo(550);
      assertThat(s.received).doesNotContain("DATA");
    }
  }

  @Test
  void send_serverSilent_failsWithinTheTimeout() throws Exception {
    try (ScriptedSmtpServer s = new ScriptedSmtpServer(null, l -> null)) {
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> client(s.port(), null).send(MAIL)).isInstanceOf(SocketTimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void send_endlessMultilineGreeting_failsWithinTheTimeout() throws Exception {
    try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Thread.ofPlatform().daemon().start(() -> {
        try (java.net.Socket c = server.accept()) {
          byte[] line = "250-more\r\n".getBytes(StandardCharsets.US_ASCII);
          for (int i = 0; i < 1_000_000; i++) {
            c.getOutputStream().write(line);
            Thread.sleep(1); // slow enough to stay under the line bound for a while, never idle for the timeout
          }
        } catch (Exception ignored) {
          // the client gave up
        }
      });
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> client(server.getLocalPort(), null).send(MAIL)).isInstanceOf(java.io.IOException.class)
          .hasMessageContaining("greeting");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }
  }
}
