package io.gridwire.notify.webhook;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
    HttpRequest.Builder b = HttpRequest.newBuilder(config.uri()).timeout(config.timeout())
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    config.headers().forEach(b::header);
    // The request timeout covers only the wait for the response head; a receiver that stalls in the
    // body would block send() for ever. The whole exchange, body included, is bounded here.
    CompletableFuture<HttpResponse<Void>> exchange =
        client().sendAsync(b.build(), HttpResponse.BodyHandlers.discarding());
    try {
      HttpResponse<Void> r = exchange.get(config.timeout().toNanos(), TimeUnit.NANOSECONDS);
      return r.statusCode() / 100 == 2 ? null : "answered HTTP " + r.statusCode();
    } catch (TimeoutException e) {
      exchange.cancel(true);
      return "no answer within " + config.timeout();
    } catch (InterruptedException e) {
      exchange.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) return "no answer within " + config.timeout();
      if (cause instanceof IOException) return "unreachable: " + cause;
      return "failed: " + cause;
    }
  }
}
