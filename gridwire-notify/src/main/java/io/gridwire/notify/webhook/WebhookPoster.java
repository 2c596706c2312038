package io.gridwire.notify.webhook;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;

/** One POST of one JSON body, bounded by the webhook's timeout. Used by one sender thread. */
final class WebhookPoster {
  private final WebhookConfig config;
  private HttpClient client;

  WebhookPoster(WebhookConfig config) {
    this.config = config;
  }

  /** Built on the sender thread: a new client initialises TLS, which can take seconds, not the gateway's start. */
  private HttpClient client() {
    if (client == null) {
      client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.timeout())
          .followRedirects(HttpClient.Redirect.NEVER).build();
    }
    return client;
  }

  /**
   * @return null when the receiver accepted it (2xx), else why not, in one sentence
   * @throws InterruptedException when the sender is closing
   */
  String post(String json) throws InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(config.url()).timeout(config.timeout())
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    config.headers().forEach(b::header);
    try {
      HttpResponse<Void> r = client().send(b.build(), HttpResponse.BodyHandlers.discarding());
      return r.statusCode() / 100 == 2 ? null : "answered HTTP " + r.statusCode();
    } catch (HttpTimeoutException e) {
      return "no answer within " + config.timeout();
    } catch (IOException e) {
      return "unreachable: " + e;
    }
  }
}
