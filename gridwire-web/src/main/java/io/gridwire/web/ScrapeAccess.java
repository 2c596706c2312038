package io.gridwire.web;

import io.gridwire.core.user.Role;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import io.gridwire.web.rest.AuthGuard;

/**
 * Who may read {@code /metrics} (SPEC §6: only {@code /health} is open): a viewer or admin session,
 * or the separate scrape token ({@code http.metrics_scrape_token}) compared in constant time —
 * unless {@code http.metrics_open} serves it to anyone.
 */
public final class ScrapeAccess {
  private final HttpSecurity security;
  private final AuthGuard guard;

  public ScrapeAccess(HttpSecurity security, AuthGuard guard) {
    this.security = security;
    this.guard = guard;
  }

  public Handler protect(Handler scrape) {
    if (security.metricsOpen()) return scrape;
    return ctx -> {
      String token = AuthGuard.token(ctx.header("Authorization"), null);
      if (!isScrapeToken(token)) {
        if (token == null) throw AuthGuard.unauthorized("missing bearer token: a session token or http.metrics_scrape_token");
        if (!guard.principal(ctx).allows(Role.VIEWER)) throw io.gridwire.core.api.ApiException.forbidden("needs the viewer role");
      }
      scrape.handle(ctx);
    };
  }

  private boolean isScrapeToken(String token) {
    String expected = security.metricsScrapeToken();
    if (expected == null || token == null) return false;
    return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
