package io.gridwire.uplink.influx;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Posts line-protocol batches over HTTP. Blocking; thread-safe. */
public final class InfluxWriter {
  private static final Pattern DROPPED = Pattern.compile("dropped=(\\d+)");

  private final HttpClient http;
  private final URI uri;
  private final String authorization;
  private final Duration timeout;

  public InfluxWriter(URI base, InfluxTarget target, Duration timeout) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.uri = target.writeUri(base);
    this.authorization = target.authorization();
    this.timeout = timeout;
  }

  public URI uri() {
    return uri;
  }

  /** Writes the lines ({@code \n}-separated) and classifies the answer; never throws. */
  public WriteOutcome write(String body, int points) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
        .header("Content-Type", "text/plain; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) b.header("Authorization", authorization);
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return classify(r.statusCode(), r.body(), points);
    } catch (HttpTimeoutException e) {
      return new WriteOutcome.Retry("timeout after " + timeout);
    } catch (IOException e) {
      return new WriteOutcome.Retry("unreachable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new WriteOutcome.Retry("interrupted");
    }
  }

  static WriteOutcome classify(int status, String body, int points) {
    if (status == 204 || status == 200) return new WriteOutcome.Written();
    String detail = "HTTP " + status + ": " + (body == null ? "" : body.strip());
    if (status == 413) return new WriteOutcome.TooLarge();
    if (status == 400 || status == 422) {
      Matcher m = DROPPED.matcher(body == null ? "" : body);
      return new WriteOutcome.Rejected(m.find() ? Integer.parseInt(m.group(1)) : points, detail);
    }
    return new WriteOutcome.Retry(detail);
  }
}
