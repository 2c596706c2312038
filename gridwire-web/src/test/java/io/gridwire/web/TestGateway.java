package io.gridwire.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.core.admission.DeviceAdmission;
import io.gridwire.core.api.ApiRoute;
import io.gridwire.core.api.HealthCheck;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.InMemoryLatestValues;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.user.Role;
import io.gridwire.testkit.ManualClock;
import io.gridwire.testkit.store.InMemoryEventStore;
import io.gridwire.testkit.store.InMemoryHistoryStore;
import io.gridwire.testkit.store.InMemoryUserStore;
import io.gridwire.web.auth.PasswordHasher;
import io.gridwire.web.auth.UserAdmin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import io.gridwire.web.json.Json;

/** A web server on a free port over in-memory fakes, with an HTTP client and two users. */
public class TestGateway implements AutoCloseable {
  public static final String ADMIN = "admin@example.com";
  public static final String VIEWER = "viewer@example.com";
  public static final String PASSWORD = "correct horse battery";
  /** The {@code /metrics}-only bearer token every test gateway accepts. */
  public static final String SCRAPE_TOKEN = "scrape-token-for-tests-0123456789";

  public final ManualClock clock = ManualClock.at("2025-06-01T12:00:00Z");
  public final Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
  public final Bus<Event> events = new Bus<>("events", e -> e.deviceId() == null ? "" : e.deviceId());
  public final DeviceRegistry registry = new DeviceRegistry(events, clock);
  public final DeviceAdmission admission = new DeviceAdmission(registry, null, clock);
  public final InMemoryLatestValues latest = new InMemoryLatestValues();
  public final MetricCatalog catalog = new MetricCatalog();
  public final InMemoryHistoryStore history = new InMemoryHistoryStore();
  public final InMemoryEventStore eventStore = new InMemoryEventStore();
  public final InMemoryUserStore users = new InMemoryUserStore();
  public final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  public final List<HealthCheck> health = new ArrayList<>();
  public final List<ApiRoute> routes = new ArrayList<>();
  /** Connectors' endpoints with their own auth (a device WebSocket), mounted as the app mounts them. */
  public final List<java.util.function.Consumer<io.javalin.config.RoutesConfig>> endpoints = new ArrayList<>();
  public final UserAdmin userAdmin = new UserAdmin(users, new PasswordHasher(4), clock);
  public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  public WebServer server;

  public TestGateway() {
    userAdmin.addUser(ADMIN, PASSWORD, Role.ADMIN);
    userAdmin.addUser(VIEWER, PASSWORD, Role.VIEWER);
  }

  /** Tests hash passwords at the lowest bcrypt cost. */
  public static final WebRuntime RUNTIME = WebRuntime.DEFAULT.withBcryptCost(4);

  public TestGateway start() {
    return start(c -> c);
  }

  public TestGateway start(UnaryOperator<WebConfig> tweak) {
    return start(tweak, RUNTIME);
  }

  /** Starts with the web server's non-key settings (WebSocket client buffers). */
  public TestGateway start(UnaryOperator<WebConfig> tweak, WebRuntime runtime) {
    WebConfig cfg = tweak.apply(WebConfig.defaults().withHost("127.0.0.1").withPort(0)
        .withSecurity(new HttpSecurity("'self'", List.of(), false, SCRAPE_TOKEN)));
    server = new WebServer(cfg, runtime, new WebDependencies(registry, latest, catalog, history, eventStore, users, readings,
        events, null, null, null, meters, clock, routes, health), null, endpoints).start();
    return this;
  }

  /** Starts as a node of a fleet (or alone, with a null cluster), with {@link #routes} and {@link #endpoints}. */
  public TestGateway start(UnaryOperator<WebConfig> tweak, io.gridwire.core.cluster.Cluster cluster) {
    WebConfig cfg = tweak.apply(WebConfig.defaults().withHost("127.0.0.1").withPort(0)
        .withSecurity(new HttpSecurity("'self'", List.of(), false, SCRAPE_TOKEN)));
    server = new WebServer(cfg, RUNTIME, new WebDependencies(registry, latest, catalog, history, eventStore, users, readings,
        events, null, null, null, meters, clock, routes, health), cluster, endpoints).start();
    return this;
  }

  public int port() {
    return server.port();
  }

  public String base() {
    return "http://127.0.0.1:" + server.port();
  }

  public String wsBase() {
    return "ws://127.0.0.1:" + server.port();
  }

  public String login(String email) {
    HttpResponse<String> r = post("/api/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
    if (r.statusCode() != 200) throw new AssertionError("login failed: " + r.statusCode() + " " + r.body());
    return json(r).get("token").asText();
  }

  /** {@code GET /metrics} with the scrape token. */
  public String scrape() {
    HttpResponse<String> r = get("/metrics", SCRAPE_TOKEN);
    if (r.statusCode() != 200) throw new AssertionError("scrape failed: " + r.statusCode() + " " + r.body());
    return r.body();
  }

  public HttpResponse<String> get(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10)).GET();
    if (token != null) b.header("Authorization", "Bearer " + token);
    return send(b.build());
  }

  public HttpResponse<String> post(String path, String token, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return send(b.build());
  }

  public HttpResponse<String> send(HttpRequest req) {
    try {
      return http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError("request failed: " + req.uri(), e);
    }
  }

  public static JsonNode json(HttpResponse<String> r) {
    try {
      return Json.MAPPER.readTree(r.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
    }
  }

  /** Asserts an error answer and returns its detail. */
  public static String error(HttpResponse<String> r, int status, String error) {
    if (r.statusCode() != status) throw new AssertionError("expected " + status + " got " + r.statusCode() + ": " + r.body());
    JsonNode n = json(r);
    if (!error.equals(n.path("error").asText())) throw new AssertionError("expected error " + error + ": " + r.body());
    if (!n.has("detail")) throw new AssertionError("no detail: " + r.body());
    return n.get("detail").asText();
  }

  public static Map<String, Object> map(Object... kv) {
    java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  @Override
  public void close() {
    if (server != null) server.stop();
    readings.close();
    events.close();
    // close() waits for every exchange (an open WebSocket never ends); shutdownNow() does not.
    http.shutdownNow();
  }
}
