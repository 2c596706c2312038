package io.gridwire.app.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A signed-in client of one gateway's REST API, for integration tests. */
final class RestClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;

  /** An answer: status and body; @param fleetComplete the {@code X-Fleet-Complete} header of a device list, else null */
  record Answer(int status, String body, String fleetComplete) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("not JSON (" + status + "): " + body, e);
      }
    }
  }

  RestClient(String base, String email, String password) throws Exception {
    this.base = base;
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
    this.token = JSON.readTree(r.body()).get("token").asText();
  }

  /** Signs in to a gateway of this JVM on its HTTP port. */
  RestClient(Gateway g, String email, String password) throws Exception {
    this("http://127.0.0.1:" + g.httpPort(), email, password);
  }

  Answer send(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + token).header("content-type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body(), r.headers().firstValue("X-Fleet-Complete").orElse(null));
  }

  JsonNode get(String path) throws Exception {
    Answer a = send("GET", path, null);
    if (a.status() != 200) throw new IllegalStateException("GET " + path + ": " + a.status() + " " + a.body());
    return a.json();
  }

  /** The device of that id in {@code GET /api/devices}, or null. */
  JsonNode device(String id) throws Exception {
    for (JsonNode d : get("/api/devices")) if (d.path("id").asText().equals(id)) return d;
    return null;
  }
}
