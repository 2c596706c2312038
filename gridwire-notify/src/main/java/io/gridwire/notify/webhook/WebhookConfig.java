package io.gridwire.notify.webhook;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import io.gridwire.core.retry.Backoff;
import io.gridwire.notify.NoticeFilter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One element of {@code notifications.webhooks}: a receiver of alarm events as JSON POSTs. The
 * rules between elements (unique names) and the key paths with the list index are checked by
 * {@link io.gridwire.notify.NotificationsConfig}.
 */
public record WebhookConfig(
    @Doc("Short name (required), a-z 0-9 - _; names the durable queue file outbox-webhook-<name>.db.") String name,
    @Doc("http:// or https:// URL the JSON is POSTed to (required).") String url,
    @Doc("Authorization header value sent with every POST, e.g. 'Bearer ...'; unset = none. Keep it out of the "
        + "file: write authorization: '' there and set GRIDWIRE_NOTIFICATIONS_WEBHOOKS_0_AUTHORIZATION.") String authorization,
    @Doc("Severities sent: critical, warning, info (empty = all).") List<String> severities,
    @Doc("Site codes sent (empty = all).") List<String> sites,
    @Doc("Bound on connecting and on the answer of one POST (default 10s).") Duration timeout) {

  /** 1 s doubling up to {@link Backoff#PEER_CAP}: a receiver back up is served within the gateway's one peer cap. */
  public static final Backoff DEFAULT_RETRY = new Backoff(Duration.ofSeconds(1), Backoff.PEER_CAP);

  public WebhookConfig {
    severities = Check.list(severities);
    sites = Check.list(sites);
    timeout = Check.orDefault(timeout, Duration.ofSeconds(10));
    authorization = authorization == null || authorization.isBlank() ? null : authorization;
  }

  /** Checks every value, each message starting with {@code path} ({@code notifications.webhooks[0]}). */
  public void check(String path) {
    Check.nonBlank(path + ".name", name);
    if (!name.matches("[a-z0-9_-]{1,32}")) throw new IllegalArgumentException(path + ".name must be 1..32 of a-z 0-9 - _: " + name);
    Check.nonBlank(path + ".url", url);
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(path + ".url is not a URL: " + safe(url));
    }
    if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
      throw new IllegalArgumentException(path + ".url must be http:// or https:// with a host: " + safe(url));
    }
    Check.positive(path + ".timeout", timeout);
    NoticeFilter.of(path + ".severities", severities, sites);
  }

  public URI uri() {
    return URI.create(url);
  }

  /** The headers sent with every POST: {@code Authorization} when set. */
  public Map<String, String> headers() {
    return authorization == null ? Map.of() : Map.of("Authorization", authorization);
  }

  public NoticeFilter filter() {
    return NoticeFilter.of("severities", severities, sites);
  }

  /** Name, scheme, host and port only: user info, path and query may hold secrets (Slack, Discord, Teams tokens). */
  @Override
  public String toString() {
    return "webhook " + name + " (" + safe(url) + ")";
  }

  /** {@code scheme://host[:port]} of a URL, leaving out user info, path, query and fragment, which may hold secrets. */
  public static String safe(URI url) {
    if (url.getHost() == null) return url.getScheme() == null ? "?" : url.getScheme() + "://?";
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }

  private static String safe(String url) {
    if (url == null) return "unset";
    try {
      return safe(new URI(url));
    } catch (URISyntaxException e) {
      return "(invalid URL)";
    }
  }
}
