package io.gridwire.notify.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailMessageTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void render_lineStartingWithDot_isDotStuffed() {
    String m = new MailMessage("gw@x.org", List.of("ops@x.org"), "s", "a\n.hidden\nb", T).render();
    assertThat(m).contains("\r\n..hidden\r\n").endsWith("b\r\n").contains("Content-Transfer-Encoding: 7bit");
  }

  @Test
  void render_subjectWithLineBreak_cannotInjectHeaders() {
    String m = new MailMessage("gw@x.org", List.of("ops@x.org"), "Low\r\nBcc: evil@x.org", "b", T).render();
    assertThat(m).contains("Subject: Low Bcc: evil@x.org\r\n").doesNotContain("\r\nBcc:");
  }

  @Test
  void render_nonAscii_isEncoded() {
    String m = new MailMessage("gw@x.org", List.of("a@x.org", "b@x.org"), "Nízký tlak oleje", "Teplota 90 °C", T).render();
    assertThat(m).contains("Subject: =?UTF-8?B?").contains("Content-Transfer-Encoding: base64")
        .contains("To: a@x.org, b@x.org").contains("Date: Thu, 1 Jan 2026 00:00:00 GMT");
  }

  @Test
  void render_loneCarriageReturns_becomeCrlfLinesAndAreDotStuffed() {
    String m = new MailMessage("gw@x.org", List.of("ops@x.org"), "s", "a\r.\r\nMAIL FROM:<x>\rb\n\rc", T).render();
    String body = m.substring(m.indexOf("\r\n\r\n") + 4);
    assertThat(body).isEqualTo("a\r\n..\r\nMAIL FROM:<x>\r\nb\r\n\r\nc\r\n");
    assertThat(body.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
  }
}
