package io.gridwire.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookConfigTest {
  @Test
  void toString_urlWithCredentialsAndTokenPath_showsSchemeHostPortOnly() {
    WebhookConfig c = new WebhookConfig("ops",
        "https://user:pw@hooks.slack.com:8443/services/T000/B000/XXXXSECRET?token=q", "Bearer x", null, null, null);
    assertThat(c.toString()).isEqualTo("webhook ops (https://hooks.slack.com:8443)")
        .doesNotContain("pw").doesNotContain("SECRET").doesNotContain("token").doesNotContain("Bearer");
  }

  @Test
  void toString_defaultPort_leftOut() {
    WebhookConfig c = new WebhookConfig("teams", "https://example.webhook.office.com/webhookb2/abc", null, null, null, null);
    assertThat(c.toString()).isEqualTo("webhook teams (https://example.webhook.office.com)");
  }

  @Test
  void retry_default_cappedAtPeerCap() {
    assertThat(WebhookConfig.DEFAULT_RETRY.max()).isEqualTo(io.gridwire.core.retry.Backoff.PEER_CAP);
  }

  @Test
  void check_badUrlAndSeverity_messagesNameKeyPathWithoutSecrets() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WebhookConfig("ops", "ftp://u:pw@x/SECRET", null, null, null,
        null).check("notifications.webhooks[2]"))
        .hasMessage("notifications.webhooks[2].url must be http:// or https:// with a host: ftp://x");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WebhookConfig("ops", "https://x/h", null,
        java.util.List.of("critical", "loud"), null, null).check("notifications.webhooks[0]"))
        .hasMessageStartingWith("notifications.webhooks[0].severities[1]: ");
  }
}
