package io.gridwire.web.rest;

import io.gridwire.core.api.ApiException;
import io.gridwire.web.json.Bodies;
import io.gridwire.web.json.Responses;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import io.gridwire.web.auth.Principal;
import io.gridwire.web.auth.Authenticator;
import io.gridwire.web.auth.LoginResult;
import io.gridwire.web.auth.IssuedToken;

/**
 * {@code POST /api/auth/login} (open), {@code POST /api/auth/logout}, {@code GET /api/auth/me},
 * {@code POST /api/tokens} (admin: a per-device token), {@code GET /api/tokens} and
 * {@code DELETE /api/tokens/{id}} (admin: list and revoke device tokens).
 */
public final class AuthRoutes {
  private final Authenticator auth;
  private final long maxRequestBytes;
  private final Counter failures;
  private final Counter limited;
  private final io.gridwire.core.user.UserStore users;
  private final java.time.Clock clock;

  public AuthRoutes(Authenticator auth, long maxRequestBytes, Counter failures, Counter limited,
      io.gridwire.core.user.UserStore users, java.time.Clock clock) {
    this.auth = auth;
    this.users = users;
    this.clock = clock;
    this.maxRequestBytes = maxRequestBytes;
    this.failures = failures;
    this.limited = limited;
  }

  record LoginRequest(String email, String password) {}

  record TokenRequest(String deviceId, String ttl) {}

  public void login(Context ctx) {
    LoginRequest req = Bodies.json(ctx, maxRequestBytes, LoginRequest.class);
    if (req.email() == null || req.email().isBlank()) throw new ApiException(400, "bad_request", "field 'email' is required");
    if (req.password() == null) throw new ApiException(400, "bad_request", "field 'password' is required");
    switch (auth.login(req.email(), req.password(), ctx.ip())) {
      case LoginResult.Success s -> Responses.json(ctx, 200,
          Map.of("token", s.token(), "expires_at", s.expiresAt(), "role", s.role().wireName()));
      case LoginResult.Invalid ignored -> {
        failures.increment();
        throw new ApiException(401, "invalid_credentials", "wrong email or password");
      }
      case LoginResult.RateLimited r -> {
        limited.increment();
        long seconds = Math.max(1, (r.retryAfter().toMillis() + 999) / 1000);
        ctx.header("Retry-After", Long.toString(seconds));
        throw new ApiException(429, "too_many_requests", "too many failed logins for this account or from this address; retry in " + seconds + " s");
      }
    }
  }

  public void logout(Context ctx, Principal p) {
    auth.logout(p);
    Responses.json(ctx, 200, Map.of("status", "logged_out"));
  }

  public void me(Context ctx, Principal p) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", p.user().id());
    body.put("email", p.user().email());
    body.put("role", p.user().role().wireName());
    body.put("expires_at", p.expiresAt());
    Responses.json(ctx, 200, body);
  }

  /** Body {@code {"device_id": "...", "ttl": "30d"}} (ttl optional: none); answers the token once. */
  public void issueDeviceToken(Context ctx, Principal p) {
    TokenRequest req = Bodies.json(ctx, maxRequestBytes, TokenRequest.class);
    if (req.deviceId() == null || req.deviceId().isBlank()) throw new ApiException(400, "bad_request", "field 'device_id' is required");
    Duration ttl = null;
    if (req.ttl() != null) {
      var parsed = Params.of(Map.of("ttl", java.util.List.of(req.ttl())), java.util.Set.of("ttl"));
      ttl = parsed.duration("ttl");
    }
    IssuedToken t = auth.issueDeviceToken(req.deviceId(), p.user(), ttl);
    org.slf4j.LoggerFactory.getLogger(AuthRoutes.class).info("device token for {} issued by {}", t.deviceId(), p.user().email());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", t.token());
    body.put("device_id", t.deviceId());
    body.put("expires_at", t.expiresAt());
    Responses.json(ctx, 201, body);
  }

  /** The device tokens, without the tokens: {id, device_id, issued_by, created_at, expires_at, expired}. */
  public void listDeviceTokens(Context ctx, Principal p) {
    Map<Long, String> emails = new java.util.HashMap<>();
    for (var u : users.list()) emails.put(u.id(), u.email());
    java.time.Instant now = clock.instant();
    Responses.json(ctx, 200, auth.deviceTokens().stream().map(t -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", Authenticator.tokenId(t));
      m.put("device_id", t.label());
      m.put("issued_by", emails.get(t.userId()));
      m.put("created_at", t.createdAt());
      m.put("expires_at", t.expiresAt());
      m.put("expired", t.expired(now));
      return m;
    }).toList());
  }

  public void revokeDeviceToken(Context ctx, Principal p) {
    String id = ctx.pathParam("id");
    var t = auth.revokeDeviceToken(id).orElseThrow(() -> ApiException.notFound("no device token '" + id + "'"));
    org.slf4j.LoggerFactory.getLogger(AuthRoutes.class).info("device token {} of {} revoked by {}", id, t.label(), p.user().email());
    Responses.json(ctx, 200, Map.of("revoked", id, "device_id", t.label()));
  }
}
