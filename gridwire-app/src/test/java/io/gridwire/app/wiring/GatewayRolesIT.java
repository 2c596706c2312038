package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.app.config.ConfigLoader;
import io.gridwire.core.user.Role;
import io.gridwire.testkit.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three roles at every kind of route of a whole gateway (docs/roles.md): no token is a 401,
 * a viewer commanding and an operator managing are 403s (JSON with {@code error} and the role
 * needed), an operator's commands get past the guard (to their own 202/404), and only an admin
 * forces past an interlock or manages users, devices, profiles, tokens, alarm rules and admission.
 */
class GatewayRolesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "correct-horse-battery";
  private static final String BOX = "2206237016";
  private static final String MODE_3 =
      "{\"device_id\":\"" + BOX + "\",\"kind\":\"oig_setting\",\"target\":\"tbl_box_prms/MODE\",\"value\":\"Home UPS\"}";
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  /** A route and the body it is called with. */
  private record Call(String method, String path, String body) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** Routes that send something to a device: operators and admins. */
  private static final List<Call> COMMANDS = List.of(
      new Call("POST", "/api/commands", MODE_3),
      new Call("POST", "/api/commands/999999/cancel", ""),
      new Call("DELETE", "/api/commands/999999", null),
      new Call("POST", "/api/sessions/nobody/messages", "{\"message\":{\"command\":\"status\"}}"),
      new Call("POST", "/api/modbus/broadcast", "{\"hex\":\"010300000001840A\"}"),
      new Call("POST", "/send_message", "{\"session_id\":\"nobody\",\"message\":{\"command\":\"status\"}}"),
      new Call("POST", "/broadcast_modbus_command", "{\"command\":\"010300000001840A\"}"),
      new Call("POST", "/api/devices/nobody/modbus/write", "{\"function\":\"register\",\"address\":1,\"value\":1}"),
      new Call("POST", "/api/alarms/nobody:none/ack", ""));

  /** Routes that manage the gateway: admins only. */
  private static final List<Call> MANAGEMENT = List.of(
      new Call("GET", "/api/users", null),
      new Call("POST", "/api/users", "{\"email\":\"x@example.com\",\"password\":\"" + PASSWORD + "\"}"),
      new Call("PUT", "/api/users/target@example.com", "{\"role\":\"admin\"}"),
      new Call("DELETE", "/api/users/target@example.com", null),
      new Call("POST", "/api/devices", "{\"id\":\"m-1\",\"profile\":\"smartgen-hgm9520n\",\"host\":\"127.0.0.1\",\"port\":1502}"),
      new Call("PUT", "/api/devices/m-1", "{\"host\":\"127.0.0.1\"}"),
      new Call("DELETE", "/api/devices/m-1", null),
      new Call("POST", "/api/profiles", "name: x\n"),
      new Call("POST", "/api/tokens", "{\"device_id\":\"ws-1\"}"),
      new Call("GET", "/api/tokens", null),
      new Call("DELETE", "/api/tokens/1", null),
      new Call("GET", "/api/devices/pending", null),
      new Call("POST", "/api/devices/x/approve", ""),
      new Call("POST", "/api/devices/x/reject", ""),
      new Call("POST", "/api/alarms/rules", "{\"id\":\"r1\"}"),
      new Call("DELETE", "/api/alarms/rules/r1", null));

  @Test
  void eachRole_atEveryRouteKind_401Or403JsonOrThrough() throws Exception {
    var cfg = new ConfigLoader().load(null, Map.of(
        "GRIDWIRE_NODE_DATA_DIR", dir.toString(),
        "GRIDWIRE_HTTP_HOST", "127.0.0.1",
        "GRIDWIRE_HTTP_PORT", "0",
        "GRIDWIRE_AUTH_BCRYPT_COST", "4",
        "GRIDWIRE_OIG_ENABLED", "true",
        "GRIDWIRE_OIG_LISTEN_HOST", "127.0.0.1",
        "GRIDWIRE_OIG_LISTEN_PORT", "0",
        "GRIDWIRE_OIG_CLOUD_HOST", "127.0.0.1",
        "GRIDWIRE_OIG_CLOUD_PORT", Integer.toString(FreePorts.next())));
    try (Gateway g = Gateway.start(cfg, Clock.systemUTC())) {
      g.ensureFirstAdmin("ops@example.com", PASSWORD);
      g.setPassword("op@example.com", PASSWORD, Role.OPERATOR);
      g.setPassword("view@example.com", PASSWORD, Role.VIEWER);
      g.setPassword("target@example.com", PASSWORD, Role.VIEWER);
      String base = "http://127.0.0.1:" + g.httpPort();
      String admin = login(base, "ops@example.com");
      String operator = login(base, "op@example.com");
      String viewer = login(base, "view@example.com");

      for (Call c : COMMANDS) {
        expectError(send(base, c, null), 401, "unauthorized", c);
        assertThat(expectError(send(base, c, viewer), 403, "forbidden", c)).as(c.toString()).contains("operator role");
        assertThat(send(base, c, operator).statusCode()).as(c + " as operator").isNotIn(401, 403);
      }
      for (Call c : MANAGEMENT) {
        expectError(send(base, c, null), 401, "unauthorized", c);
        assertThat(expectError(send(base, c, viewer), 403, "forbidden", c)).as(c.toString()).contains("admin role");
        assertThat(expectError(send(base, c, operator), 403, "forbidden", c)).as(c.toString()).contains("admin role");
        assertThat(send(base, c, admin).statusCode()).as(c + " as admin").isNotIn(401, 403);
      }

      HttpResponse<String> asked = send(base, new Call("POST", "/api/commands", MODE_3), operator);
      assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
      assertThat(JSON.readTree(asked.body()).get("requested_by").asText()).isEqualTo("op@example.com");
      String forced = "{\"device_id\":\"gen-1\",\"kind\":\"genset\",\"target\":\"start\",\"force\":true}";
      assertThat(expectError(send(base, new Call("POST", "/api/commands", forced), operator), 403, "forbidden", null))
          .contains("\"force\"").contains("admin role");
      assertThat(send(base, new Call("GET", "/api/commands", null), viewer).statusCode()).isEqualTo(200);
      assertThat(send(base, new Call("GET", "/api/auth/me", null), operator).body()).contains("\"role\":\"operator\"");
    }
  }

  @Test
  void usersApi_takesOperatorRole_refusesUnknownRoleNamingTheThree() throws Exception {
    var cfg = new ConfigLoader().load(null, Map.of("GRIDWIRE_NODE_DATA_DIR", dir.toString(), "GRIDWIRE_HTTP_HOST",
        "127.0.0.1", "GRIDWIRE_HTTP_PORT", "0", "GRIDWIRE_AUTH_BCRYPT_COST", "4"));
    try (Gateway g = Gateway.start(cfg, Clock.systemUTC())) {
      g.ensureFirstAdmin("ops@example.com", PASSWORD);
      String base = "http://127.0.0.1:" + g.httpPort();
      String admin = login(base, "ops@example.com");
      HttpResponse<String> added = send(base, new Call("POST", "/api/users",
          "{\"email\":\"new@example.com\",\"role\":\"operator\",\"password\":\"" + PASSWORD + "\"}"), admin);
      assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
      assertThat(JSON.readTree(added.body()).get("role").asText()).isEqualTo("operator");
      String operator = login(base, "new@example.com");
      expectError(send(base, new Call("GET", "/api/users", null), operator), 403, "forbidden", null);

      HttpResponse<String> demoted = send(base, new Call("PUT", "/api/users/new@example.com", "{\"role\":\"viewer\"}"), admin);
      assertThat(JSON.readTree(demoted.body()).get("role").asText()).isEqualTo("viewer");
      expectError(send(base, new Call("POST", "/api/commands", MODE_3), operator), 403, "forbidden", null);
      assertThat(expectError(send(base, new Call("PUT", "/api/users/new@example.com", "{\"role\":\"root\"}"), admin), 400,
          "bad_request", null)).contains("admin, operator or viewer");
      assertThat(expectError(send(base, new Call("PUT", "/api/users/ops@example.com", "{\"role\":\"operator\"}"), admin),
          409, "last_admin", null)).contains("only admin");
    }
  }

  private String login(String base, String email) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).get("token").asText();
  }

  private HttpResponse<String> send(String base, Call c, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + c.path())).header("content-type", "application/json")
        .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(c.body()));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Asserts a JSON error answer; returns its {@code detail}. */
  private static String expectError(HttpResponse<String> r, int status, String error, Call c) throws Exception {
    assertThat(r.statusCode()).as(c + ": " + r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("content-type").orElse("")).as(String.valueOf(c)).contains("application/json");
    JsonNode n = JSON.readTree(r.body());
    assertThat(n.get("error").asText()).as(c + ": " + r.body()).isEqualTo(error);
    return n.path("detail").asText();
  }
}
