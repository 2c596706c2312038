import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container's HEALTHCHECK (the image has no shell or curl): GET {@code /health} on the port
 * the gateway listens on (GRIDWIRE_HTTP_PORT, default 8080), or the URL given; exit 0 on HTTP 200,
 * 1 otherwise, within 5 s.
 */
public final class HealthProbe {
  private HealthProbe() {}

  public static void main(String[] args) {
    String port = System.getenv().getOrDefault("GRIDWIRE_HTTP_PORT", "8080");
    String url = args.length > 0 ? args[0] : "http://127.0.0.1:" + port + "/health";
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
      HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding());
      System.out.println(url + " " + r.statusCode());
      System.exit(r.statusCode() == 200 ? 0 : 1);
    } catch (Exception e) {
      System.out.println(url + " " + e);
      System.exit(1);
    }
  }
}
