package io.gridwire.notify.webhook;

import io.gridwire.core.retry.Backoff;
import io.gridwire.notify.NoticeFilter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One webhook receiver.
 *
 * @param name short id, also the name of its durable queue ({@code outbox-webhook-<name>.db})
 * @param url http:// or https:// endpoint the JSON is POSTed to
 * @param headers extra request headers (e.g. {@code Authorization}), unmodifiable
 * @param filter which alarms are sent
 * @param timeout bound on connecting and on the whole answer of one POST
 * @param retry back-off between failed attempts (the same message is retried until it is accepted);
 *     {@link #DEFAULT_RETRY} when null
 */
public record WebhookConfig(String name, URI url, Map<String, String> headers, NoticeFilter filter, Duration timeout,
    Backoff retry) {
  /** 1 s doubling up to {@link Backoff#PEER_CAP}: a receiver back up is served within the gateway's one peer cap. */
  public static final Backoff DEFAULT_RETRY = new Backoff(Duration.ofSeconds(1), Backoff.PEER_CAP);

  public WebhookConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    filter = filter == null ? NoticeFilter.ALL : filter;
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    retry = retry == null ? DEFAULT_RETRY : retry;
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
}
