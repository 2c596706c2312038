package io.gridwire.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class WebhookConfigTest {
  @Test
  void toString_urlWithCredentialsAndTokenPath_showsSchemeHostPortOnly() {
    WebhookConfig c = new WebhookConfig("ops",
        URI.create("https://user:pw@hooks.slack.com:8443/services/T000/B000/XXXXSECRET?token=q"), null, null, null, null);
    assertThat(c.toString()).isEqualTo("webhook ops (https://hooks.slack.com:8443)")
        .doesNotContain("pw").doesNotContain("SECRET").doesNotContain("token");
  }

  @Test
  void toString_defaultPort_leftOut() {
    WebhookConfig c = new WebhookConfig("teams", URI.create("https://example.webhook.office.com/webhookb2/abc"), null,
        null, null, null);
    assertThat(c.toString()).isEqualTo("webhook teams (https://example.webhook.office.com)");
  }

  @Test
  void retry_unset_cappedAtPeerCap() {
    WebhookConfig c = new WebhookConfig("ops", URI.create("http://127.0.0.1:1/h"), null, null, null, null);
    assertThat(c.retry().max()).isEqualTo(io.gridwire.core.retry.Backoff.PEER_CAP);
  }
}
