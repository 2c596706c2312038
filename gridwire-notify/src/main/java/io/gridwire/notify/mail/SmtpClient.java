package io.gridwire.notify.mail;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends one message per connection over SMTP (RFC 5321) with the JDK only: EHLO, optional
 * STARTTLS (RFC 3207, certificate checked against the host name), optional AUTH PLAIN (RFC 4616),
 * MAIL, RCPT, DATA with dot-stuffing, QUIT. Blocking, bounded by the config's timeout per step.
 */
public final class SmtpClient {
  private final SmtpConfig config;

  public SmtpClient(SmtpConfig config) {
    this.config = config;
  }

  /** @throws SmtpException when the server refuses a step; IOException when it cannot be reached */
  public void send(MailMessage message) throws IOException {
    int millis = (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis());
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(config.host(), config.port()), millis);
      plain.setSoTimeout(millis);
      Session s = new Session(plain, config.timeout());
      s.expect("greeting", 220);
      String ehlo = s.command("EHLO", "EHLO " + heloName(), 250);
      if (config.starttls()) {
        if (!ehlo.toUpperCase(java.util.Locale.ROOT).contains("STARTTLS")) {
          throw new SmtpException("STARTTLS", 0, "the server does not offer STARTTLS");
        }
        s.command("STARTTLS", "STARTTLS", 220);
        s = new Session(upgrade(plain), config.timeout());
        s.command("EHLO", "EHLO " + heloName(), 250);
      }
      if (config.username() != null) {
        String token = "\0" + config.username() + "\0" + (config.password() == null ? "" : config.password());
        s.command("AUTH", "AUTH PLAIN " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)), 235);
      }
      s.command("MAIL FROM", "MAIL FROM:<" + message.from() + ">", 250);
      for (String to : message.to()) s.command("RCPT TO " + to, "RCPT TO:<" + to + ">", 250, 251);
      s.command("DATA", "DATA", 354);
      s.write(message.render() + ".\r\n");
      s.expect("message", 250);
      s.write("QUIT\r\n");
    }
  }

  private SSLSocket upgrade(Socket plain) throws IOException {
    SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
        .createSocket(plain, config.host(), config.port(), true);
    SSLParameters p = tls.getSSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS");
    tls.setSSLParameters(p);
    tls.startHandshake();
    return tls;
  }

  private static String heloName() {
    try {
      return java.net.InetAddress.getLocalHost().getCanonicalHostName();
    } catch (IOException e) {
      return "gridwire";
    }
  }

  /** Line I/O on one socket (plain or TLS). */
  /** RFC 5321 allows 512 octets a reply line; a multi-line reply (EHLO) lists a few dozen. */
  static final int MAX_LINE = 1_000;
  static final int MAX_LINES = 100;

  private static final class Session {
    private final InputStream in;
    private final OutputStream out;
    private final Duration timeout;

    Session(Socket s, Duration timeout) throws IOException {
      in = new BufferedInputStream(s.getInputStream());
      out = s.getOutputStream();
      this.timeout = timeout;
    }

    /** One reply line without its CRLF, at most {@link #MAX_LINE} bytes; null at end of stream. */
    private String readLine(String step) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) != -1 && b != '\n') {
        if (line.size() >= MAX_LINE) throw new IOException(step + ": reply line longer than " + MAX_LINE + " bytes");
        line.write(b);
      }
      if (b == -1 && line.size() == 0) return null;
      String l = line.toString(StandardCharsets.UTF_8);
      return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
    }

    void write(String text) throws IOException {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    String command(String step, String line, int... ok) throws IOException {
      write(line + "\r\n");
      return expect(step, ok);
    }

    /** Reads one (multi-line) reply; returns its text when the code is one of {@code ok}. */
    String expect(String step, int... ok) throws IOException {
      StringBuilder text = new StringBuilder();
      long deadline = System.nanoTime() + timeout.toNanos();
      int lines = 0;
      String line;
      do {
        // A server streaming "250-" lines for ever must not hold the sender: the whole reply is bounded.
        if (++lines > MAX_LINES) throw new IOException(step + ": reply longer than " + MAX_LINES + " lines");
        if (System.nanoTime() - deadline > 0) throw new SocketTimeoutException(step + ": no complete reply within " + timeout);
        line = readLine(step);
        if (line == null) throw new IOException(step + ": the server closed the connection");
        if (line.length() < 3) throw new IOException(step + ": malformed reply '" + line + "'");
        text.append(line).append('\n');
      } while (line.length() > 3 && line.charAt(3) == '-');
      int code;
      try {
        code = Integer.parseInt(line.substring(0, 3));
      } catch (NumberFormatException e) {
        throw new IOException(step + ": malformed reply '" + line + "'");
      }
      for (int c : ok) {
        if (c == code) return text.toString();
      }
      throw new SmtpException(step, code, text.toString().trim());
    }
  }
}
