package io.gridwire.web.rest;

import io.gridwire.core.api.ApiException;
import io.gridwire.core.user.Role;
import io.gridwire.web.auth.Authenticator;
import io.gridwire.web.auth.Principal;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;

/**
 * Puts a route behind a bearer token ({@code Authorization: Bearer …}, or {@code ?token=} for
 * browsers' WebSockets) and a minimum role: no or bad token → 401, too low a role → 403.
 */
public final class AuthGuard {
  private static final String PRINCIPAL = "gridwire.principal";
  private final Authenticator auth;

  public AuthGuard(Authenticator auth) {
    this.auth = auth;
  }

  /** A handler of an authenticated request. */
  @FunctionalInterface
  public interface SecuredHandler {
    void handle(Context ctx, Principal principal) throws Exception;
  }

  public Handler require(Role role, SecuredHandler handler) {
    return ctx -> {
      Principal p = principal(ctx);
      if (!p.allows(role)) throw ApiException.forbidden("this route needs the " + role.wireName() + " role");
      handler.handle(ctx, p);
    };
  }

  /** The authenticated caller of this request, or a 401. */
  public Principal principal(Context ctx) {
    Principal cached = ctx.attribute(PRINCIPAL);
    if (cached != null) return cached;
    String token = token(ctx.header("Authorization"), ctx.queryParam("token"));
    if (token == null) throw unauthorized("missing bearer token (Authorization: Bearer <token>)");
    Optional<Principal> p = auth.authenticate(token);
    if (p.isEmpty()) throw unauthorized("invalid or expired token");
    ctx.attribute(PRINCIPAL, p.get());
    return p.get();
  }

  /** The token from a header value or a {@code token} query value, or null. */
  public static String token(String authorization, String queryToken) {
    if (authorization != null) {
      String a = authorization.trim();
      if (a.regionMatches(true, 0, "Bearer ", 0, 7)) return a.substring(7).trim();
      return null;
    }
    return queryToken == null || queryToken.isBlank() ? null : queryToken.trim();
  }

  public static ApiException unauthorized(String detail) {
    return new ApiException(401, "unauthorized", detail);
  }
}
