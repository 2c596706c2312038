package io.gridwire.web.rest;

import static io.gridwire.web.TestGateway.error;
import static io.gridwire.web.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.core.user.Role;
import io.gridwire.web.TestGateway;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserApiTest {
  TestGateway gw;
  String admin;

  @BeforeEach
  void start() {
    gw = new TestGateway().start();
    admin = gw.login(TestGateway.ADMIN);
  }

  @AfterEach
  void stop() {
    gw.close();
  }

  HttpResponse<String> put(String path, String token, String body) {
    return gw.send(HttpRequest.newBuilder(URI.create(gw.base() + path)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  HttpResponse<String> delete(String path, String token) {
    return gw.send(HttpRequest.newBuilder(URI.create(gw.base() + path)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token).DELETE().build());
  }

  @Test
  void list_admin_usersWithoutPasswordHashes() {
    HttpResponse<String> r = gw.get("/api/users", admin);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode users = json(r);
    assertThat(users).hasSize(2);
    assertThat(users.get(0).get("email").asText()).isEqualTo(TestGateway.ADMIN);
    assertThat(users.get(0).get("role").asText()).isEqualTo("admin");
    assertThat(users.get(1).get("role").asText()).isEqualTo("viewer");
    assertThat(users.get(0).has("created_at")).isTrue();
    assertThat(r.body()).doesNotContain("password").doesNotContain("$2");
  }

  @Test
  void everyRoute_viewer_403() {
    String viewer = gw.login(TestGateway.VIEWER);
    error(gw.get("/api/users", viewer), 403, "forbidden");
    error(gw.post("/api/users", viewer, "{\"email\":\"x@example.com\",\"password\":\"long enough\"}"), 403, "forbidden");
    error(put("/api/users/" + TestGateway.VIEWER, viewer, "{\"role\":\"admin\"}"), 403, "forbidden");
    error(delete("/api/users/" + TestGateway.ADMIN, viewer), 403, "forbidden");
    assertThat(gw.users.findByEmail(TestGateway.VIEWER).orElseThrow().role()).isEqualTo(Role.VIEWER);
    error(gw.get("/api/users", null), 401, "unauthorized");
  }

  @Test
  void create_thenLogin_roleDefaultsToViewer() {
    HttpResponse<String> r = gw.post("/api/users", admin, "{\"email\":\" New@Example.com\",\"password\":\"" + TestGateway.PASSWORD + "\"}");
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(json(r).get("email").asText()).isEqualTo("new@example.com");
    assertThat(json(r).get("role").asText()).isEqualTo("viewer");
    assertThat(r.body()).doesNotContain("password");
    assertThat(gw.login("new@example.com")).isNotBlank();
    error(gw.post("/api/users", admin, "{\"email\":\"new@example.com\",\"password\":\"another one\"}"), 409, "conflict");
  }

  @Test
  void create_badFields_400NamingTheField() {
    assertThat(error(gw.post("/api/users", admin, "{\"password\":\"long enough\"}"), 400, "bad_request")).contains("'email'");
    assertThat(error(gw.post("/api/users", admin, "{\"email\":\"no-at-sign\",\"password\":\"long enough\"}"), 400,
        "bad_request")).startsWith("field 'email'");
    assertThat(error(gw.post("/api/users", admin, "{\"email\":\"a@example.com\",\"password\":\"short\"}"), 400,
        "bad_request")).isEqualTo("field 'password': password must have at least 8 characters");
    assertThat(error(gw.post("/api/users", admin, "{\"email\":\"a@example.com\",\"password\":\"" + "x".repeat(73) + "\"}"),
        400, "bad_request")).startsWith("field 'password': password must be at most 72 bytes");
    assertThat(error(gw.post("/api/users", admin, "{\"email\":\"a@example.com\",\"password\":\"long enough\",\"role\":\"root\"}"),
        400, "bad_request")).startsWith("field 'role'");
    assertThat(error(gw.post("/api/users", admin, "{\"email\":\"a@example.com\",\"password\":12345678}"), 400,
        "bad_request")).isEqualTo("field 'password' must be a string");
    assertThat(error(gw.post("/api/users", admin, "{\"email\":\"a@example.com\",\"password\":\"long enough\",\"admin\":true}"),
        400, "bad_request")).startsWith("field 'admin' is unknown");
    error(gw.post("/api/users", admin, "[1]"), 400, "malformed_json");
    assertThat(gw.users.list()).hasSize(2);
  }

  @Test
  void update_role_takesEffectOnTheUsersNextRequest() {
    String viewer = gw.login(TestGateway.VIEWER);
    error(gw.get("/api/users", viewer), 403, "forbidden");
    HttpResponse<String> r = put("/api/users/" + TestGateway.VIEWER, admin, "{\"role\":\"admin\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("role").asText()).isEqualTo("admin");
    assertThat(gw.get("/api/users", viewer).statusCode()).isEqualTo(200);
  }

  @Test
  void update_password_endsTheUsersOtherSessionsButNotTheCallers() {
    String viewerSession = gw.login(TestGateway.VIEWER);
    String otherAdminSession = gw.login(TestGateway.ADMIN);
    assertThat(put("/api/users/" + TestGateway.VIEWER, admin, "{\"password\":\"a new passphrase\"}").statusCode()).isEqualTo(200);
    error(gw.get("/api/devices", viewerSession), 401, "unauthorized");
    assertThat(put("/api/users/" + TestGateway.ADMIN, admin, "{\"password\":\"" + TestGateway.PASSWORD + "\"}").statusCode())
        .isEqualTo(200);
    error(gw.get("/api/devices", otherAdminSession), 401, "unauthorized");
    assertThat(gw.get("/api/devices", admin).statusCode()).isEqualTo(200);
    HttpResponse<String> login = gw.post("/api/auth/login", null,
        "{\"email\":\"" + TestGateway.VIEWER + "\",\"password\":\"a new passphrase\"}");
    assertThat(login.statusCode()).isEqualTo(200);
  }

  @Test
  void update_badOrEmpty_400_unknownUser_404() {
    assertThat(error(put("/api/users/" + TestGateway.VIEWER, admin, "{}"), 400, "bad_request")).contains("'role'");
    assertThat(error(put("/api/users/" + TestGateway.VIEWER, admin, "{\"password\":\"short\"}"), 400, "bad_request"))
        .startsWith("field 'password'");
    assertThat(error(put("/api/users/" + TestGateway.VIEWER, admin, "{\"role\":\"owner\"}"), 400, "bad_request"))
        .startsWith("field 'role'");
    error(put("/api/users/nobody@example.com", admin, "{\"role\":\"admin\"}"), 404, "not_found");
    error(delete("/api/users/nobody@example.com", admin), 404, "not_found");
  }

  @Test
  void lastAdmin_demoteOrRemove_409_allowedOnceAnotherAdminExists() {
    assertThat(error(put("/api/users/" + TestGateway.ADMIN, admin, "{\"role\":\"viewer\"}"), 409, "last_admin"))
        .contains("only admin");
    error(delete("/api/users/" + TestGateway.ADMIN, admin), 409, "last_admin");
    assertThat(gw.users.findByEmail(TestGateway.ADMIN).orElseThrow().role()).isEqualTo(Role.ADMIN);

    assertThat(put("/api/users/" + TestGateway.VIEWER, admin, "{\"role\":\"admin\"}").statusCode()).isEqualTo(200);
    assertThat(delete("/api/users/" + TestGateway.ADMIN.replace("@", "%40"), admin).statusCode()).isEqualTo(204);
    assertThat(gw.users.findByEmail(TestGateway.ADMIN)).isEmpty();
    error(gw.get("/api/users", admin), 401, "unauthorized");
  }

  @Test
  void remove_viewer_revokesItsSessions() {
    String viewer = gw.login(TestGateway.VIEWER);
    assertThat(delete("/api/users/" + TestGateway.VIEWER, admin).statusCode()).isEqualTo(204);
    error(gw.get("/api/devices", viewer), 401, "unauthorized");
    assertThat(json(gw.get("/api/users", admin))).hasSize(1);
    assertThat(gw.users.tokens()).allMatch(t -> t.userId() != 2);
  }
}
