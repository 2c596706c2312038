package io.gridwire.web.auth;

import io.gridwire.core.api.ApiException;
import io.gridwire.web.rest.Bodies;
import io.gridwire.web.rest.Params;
import io.gridwire.web.rest.Responses;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/auth/login} (open), {@code POST /api/auth/logout}, {@code GET /api/auth/me},
 * {@code POST /api/tokens} (admin: a per-device token).
 */
public final class AuthRoutes {
  private final Authenticator auth;
  private final long maxRequestBytes;
  private final Counter failures;
  private final Counter limited;

  public AuthRoutes(Authenticator auth, long maxRequestBytes, Counter failures, Counter limited) {
    this.auth = auth;
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
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", t.token());
    body.put("device_id", t.deviceId());
    body.put("expires_at", t.expiresAt());
    Responses.json(ctx, 201, body);
  }

}
