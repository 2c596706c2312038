package io.gridwire.app.config;

import io.gridwire.core.config.Doc;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;

/** One webhook receiving alarm events as JSON POSTs. */
public record WebhookConfig(
    @Doc("Short name (required), a-z 0-9 - _; names the durable queue file outbox-webhook-<name>.db.") String name,
    @Doc("http:// or https:// URL the JSON is POSTed to (required).") String url,
    @Doc("Authorization header value sent with every POST, e.g. 'Bearer ...'; unset = none. Keep it out of the file: write authorization: '' there and set GRIDWIRE_NOTIFICATIONS_WEBHOOKS_0_AUTHORIZATION.") String authorization,
    @Doc("Severities sent: critical, warning, info (empty = all).") List<String> severities,
    @Doc("Site codes sent (empty = all).") List<String> sites,
    @Doc("Bound on connecting and on the answer of one POST (default 10s).") Duration timeout) {

  /** Scheme, host and port only: the URL's user info and path may hold secrets (Slack, Discord, Teams tokens). */
  private String safeUrl() {
    if (url == null) return "unset";
    try {
      return io.gridwire.notify.webhook.WebhookConfig.safe(new URI(url));
    } catch (URISyntaxException e) {
      return "(invalid URL)";
    }
  }

  @Override
  public String toString() {
    return "WebhookConfig[name=" + name + ", url=" + safeUrl() + ", authorization=" + (authorization == null ? "unset" : "***")
        + ", severities=" + severities + ", sites=" + sites + "]";
  }
}
