package io.gridwire.web.auth;

import static io.gridwire.web.TestGateway.error;
import static io.gridwire.web.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.core.user.Token;
import io.gridwire.web.TestGateway;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthApiTest {
  TestGateway gw;

  @BeforeEach
  void start() {
    gw = new TestGateway().start();
  }

  @AfterEach
  void stop() {
    gw.close();
  }

  @Test
  void login_valid_returnsOpaqueTokenStoredOnlyAsHash() {
    HttpResponse<String> r = gw.post("/api/auth/login", null,
        "{\"email\":\"Viewer@Example.com\",\"password\":\"" + TestGateway.PASSWORD + "\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode n = json(r);
    String token = n.get("token").asText();
    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    assertThat(n.get("role").asText()).isEqualTo("viewer");
    assertThat(Instant.parse(n.get("expires_at").asText())).isEqualTo(gw.clock.instant().plus(Duration.ofHours(12)));
    assertThat(gw.users.tokens()).extracting(Token::hash).containsExactly(TokenCodec.hash(token))
        .doesNotContain(token);
  }

  @Test
  void api_withoutOrWithBadToken_401_healthStaysOpen() {
    assertThat(error(gw.get("/api/devices", null), 401, "unauthorized")).contains("missing bearer token");
    error(gw.get("/api/devices", "not-a-token"), 401, "unauthorized");
    error(gw.get("/api/metrics", null), 401, "unauthorized");
    error(gw.get("/api/events", null), 401, "unauthorized");
    error(gw.get("/api/metrics/history?device_id=x&metric=y", null), 401, "unauthorized");
    error(gw.get("/api/auth/me", null), 401, "unauthorized");
    assertThat(gw.get("/health", null).statusCode()).isEqualTo(200);
  }

  @Test
  void token_expired_401() {
    String token = gw.login(TestGateway.VIEWER);
    assertThat(gw.get("/api/devices", token).statusCode()).isEqualTo(200);
    gw.clock.advance(Duration.ofHours(12));
    assertThat(error(gw.get("/api/devices", token), 401, "unauthorized")).contains("expired");
  }

  @Test
  void token_inQueryParameter_accepted() {
    String token = gw.login(TestGateway.VIEWER);
    assertThat(gw.get("/api/devices?token=" + token, null).statusCode()).isEqualTo(200);
  }

  @Test
  void me_and_logout_revokesToken() {
    String token = gw.login(TestGateway.ADMIN);
    JsonNode me = json(gw.get("/api/auth/me", token));
    assertThat(me.get("email").asText()).isEqualTo(TestGateway.ADMIN);
    assertThat(me.get("role").asText()).isEqualTo("admin");
    assertThat(gw.post("/api/auth/logout", token, "").statusCode()).isEqualTo(200);
    error(gw.get("/api/auth/me", token), 401, "unauthorized");
  }

  @Test
  void wrongPassword_and_unknownEmail_sameAnswer() {
    HttpResponse<String> wrong = gw.post("/api/auth/login", null,
        "{\"email\":\"" + TestGateway.ADMIN + "\",\"password\":\"wrong password\"}");
    HttpResponse<String> unknown = gw.post("/api/auth/login", null,
        "{\"email\":\"nobody@example.com\",\"password\":\"wrong password\"}");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).isEqualTo(unknown.body());
    assertThat(error(gw.post("/api/auth/login", null, "{\"password\":\"x\"}"), 400, "bad_request")).contains("'email'");
  }

  @Test
  void failedLogins_addressOverLimitAcrossAccounts_429WithRetryAfter_thenAllowedAfterWindow() {
    for (int i = 0; i < 10; i++) {
      String bad = "{\"email\":\"user" + i + "@example.com\",\"password\":\"guess\"}";
      assertThat(gw.post("/api/auth/login", null, bad).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> limited = gw.post("/api/auth/login", null,
        "{\"email\":\"" + TestGateway.ADMIN + "\",\"password\":\"" + TestGateway.PASSWORD + "\"}");
    error(limited, 429, "too_many_requests");
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("60");
    gw.clock.advance(Duration.ofSeconds(61));
    assertThat(gw.login(TestGateway.ADMIN)).isNotBlank();
    assertThat(gw.scrape()).contains("gridwire_auth_login_failures_total 10.0");
  }

  @Test
  void failedLogins_threeWrongPasswordsOfOneAccount_nextAttemptWaitsOneSecond() {
    String bad = "{\"email\":\"" + TestGateway.ADMIN + "\",\"password\":\"guess\"}";
    for (int i = 0; i < 3; i++) assertThat(gw.post("/api/auth/login", null, bad).statusCode()).isEqualTo(401);
    HttpResponse<String> limited = gw.post("/api/auth/login", null,
        "{\"email\":\"" + TestGateway.ADMIN + "\",\"password\":\"" + TestGateway.PASSWORD + "\"}");
    error(limited, 429, "too_many_requests");
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
    gw.clock.advance(Duration.ofSeconds(1));
    assertThat(gw.login(TestGateway.ADMIN)).isNotBlank();
  }

  @Test
  void deviceToken_adminOnly_viewer403() {
    String viewer = gw.login(TestGateway.VIEWER);
    String admin = gw.login(TestGateway.ADMIN);
    error(gw.post("/api/tokens", viewer, "{\"device_id\":\"ws-7\"}"), 403, "forbidden");
    HttpResponse<String> r = gw.post("/api/tokens", admin, "{\"device_id\":\"ws-7\",\"ttl\":\"30d\"}");
    assertThat(r.statusCode()).isEqualTo(201);
    String token = json(r).get("token").asText();
    assertThat(gw.server.authenticator().verifyDeviceToken(token)).hasValue("ws-7");
    // A device token is not an API session.
    error(gw.get("/api/devices", token), 401, "unauthorized");
    error(gw.post("/api/tokens", admin, "{\"ttl\":\"30d\"}"), 400, "bad_request");
    assertThat(error(gw.post("/api/tokens", admin, "{\"device_id\":\"a\",\"ttl\":\"forever\"}"), 400, "bad_request"))
        .contains("'ttl'");
  }

  @Test
  void deviceTokens_listedWithoutTheTokenAndRevoked_viewer403() {
    String viewer = gw.login(TestGateway.VIEWER);
    String admin = gw.login(TestGateway.ADMIN);
    String token = json(gw.post("/api/tokens", admin, "{\"device_id\":\"ws-7\",\"ttl\":\"1h\"}")).get("token").asText();
    gw.post("/api/tokens", admin, "{\"device_id\":\"ws-8\"}");
    error(gw.get("/api/tokens", viewer), 403, "forbidden");

    HttpResponse<String> r = gw.get("/api/tokens", admin);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).doesNotContain(token).doesNotContain(TokenCodec.hash(token));
    JsonNode list = json(r);
    assertThat(list).hasSize(2);
    JsonNode ws7 = list.get(0).get("device_id").asText().equals("ws-7") ? list.get(0) : list.get(1);
    assertThat(ws7.get("issued_by").asText()).isEqualTo(TestGateway.ADMIN);
    assertThat(ws7.get("expired").asBoolean()).isFalse();
    String id = ws7.get("id").asText();
    assertThat(id).hasSize(16).isEqualTo(TokenCodec.hash(token).substring(0, 16));

    gw.clock.advance(Duration.ofHours(1));
    assertThat(json(gw.get("/api/tokens", gw.login(TestGateway.ADMIN))).findValues("expired")).extracting(JsonNode::asBoolean)
        .contains(true);
    String again = gw.login(TestGateway.ADMIN);
    error(send("DELETE", "/api/tokens/" + id, viewer), 403, "forbidden");
    assertThat(send("DELETE", "/api/tokens/" + id, again).statusCode()).isEqualTo(200);
    assertThat(gw.server.authenticator().deviceToken(token)).isEmpty();
    assertThat(json(gw.get("/api/tokens", again))).hasSize(1);
    error(send("DELETE", "/api/tokens/" + id, again), 404, "not_found");
    error(send("DELETE", "/api/tokens/short", again), 404, "not_found");
  }

  HttpResponse<String> send(String method, String path, String token) {
    return gw.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gw.base() + path))
        .header("Authorization", "Bearer " + token).method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build());
  }
}
