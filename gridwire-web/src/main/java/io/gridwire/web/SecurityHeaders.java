package io.gridwire.web;

import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;

/**
 * Headers on every answer: a Content-Security-Policy that allows only the dashboard's own files
 * (no inline scripts or styles, no other hosts; WebSockets back to this host), frame ancestors as
 * configured, {@code nosniff} and {@code no-referrer}; and CORS only for configured origins.
 */
final class SecurityHeaders {
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors ";

  private SecurityHeaders() {}

  static void install(JavalinConfig cfg, RoutesConfig r, HttpSecurity s) {
    String csp = CSP + s.frameAncestors().trim();
    String frameOptions = frameOptions(s.frameAncestors().trim());
    r.before(ctx -> {
      ctx.header("Content-Security-Policy", csp);
      ctx.header("X-Content-Type-Options", "nosniff");
      ctx.header("Referrer-Policy", "no-referrer");
      if (frameOptions != null) ctx.header("X-Frame-Options", frameOptions);
    });
    if (s.corsOrigins().isEmpty()) return;
    cfg.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
      rule.allowHost(s.corsOrigins().get(0), s.corsOrigins().subList(1, s.corsOrigins().size()).toArray(String[]::new));
    }));
  }

  /** The legacy header for browsers without CSP 2, when it can say the same thing. */
  private static String frameOptions(String ancestors) {
    return switch (ancestors) {
      case "'self'" -> "SAMEORIGIN";
      case "'none'" -> "DENY";
      default -> null;
    };
  }
}
