package io.gridwire.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookConfigTest {
  @Test
  void toString_urlWithCredentialsAndTokenPath_masked() {
    WebhookConfig c = new WebhookConfig("ops", "https://user:pw@discord.com/api/webhooks/123/SECRETTOKEN", "Bearer x",
        List.of(), List.of(), null);
    assertThat(c.toString()).contains("url=https://discord.com,").doesNotContain("pw").doesNotContain("SECRETTOKEN")
        .doesNotContain("Bearer");
  }
}
