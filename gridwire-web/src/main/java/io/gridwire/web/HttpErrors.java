package io.gridwire.web;

import io.gridwire.core.api.ApiException;
import io.gridwire.web.metrics.GatewayMetrics;
import io.gridwire.web.json.Responses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.Endpoint;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error as {@code {"error": ..., "detail": ...}} with its status; unexpected exceptions are
 * logged and answered 500 without internals. Also times every request for {@code /metrics}.
 */
final class HttpErrors {
  private static final Logger log = LoggerFactory.getLogger(HttpErrors.class);
  private static final String STARTED = "gridwire.started";

  private HttpErrors() {}

  static void install(RoutesConfig r, GatewayMetrics metrics) {
    r.exception(ApiException.class, (e, ctx) -> {
      if (e.status() == 413) drainRejectedBody(ctx);
      Responses.error(ctx, e.status(), e.error(), e.detail());
    });
    r.exception(HttpResponseException.class, (e, ctx) -> {
      if (e.getStatus() == 413) drainRejectedBody(ctx);
      Responses.error(ctx, e.getStatus(), errorName(e.getStatus()), e.getMessage());
    });
    r.exception(Exception.class, (e, ctx) -> {
      log.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
      Responses.error(ctx, 500, "internal_error", "unexpected error; see the gateway log");
    });
    r.error(404, ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty() || !isJson(ctx)) {
        Responses.error(ctx, 404, "not_found", "no route " + ctx.method() + " " + ctx.path());
      }
    });
    r.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
    r.after(ctx -> {
      Long started = ctx.attribute(STARTED);
      if (started == null) return;
      metrics.recordHttp(ctx.method().name(), route(ctx), ctx.statusCode(), Duration.ofNanos(System.nanoTime() - started));
    });
  }

  /** At most this much of a rejected body is read and discarded before the 413 goes out. */
  static final int DRAIN_MAX_BYTES = 16 * 1024 * 1024;
  /** … and for at most this long. */
  static final Duration DRAIN_MAX_TIME = Duration.ofSeconds(2);

  /**
   * Reads and discards the rest of a body that is answered 413, bounded in bytes and time, and
   * closes the connection after the answer. Without it the server closes a socket with unread data,
   * the kernel sends a reset, and a client still sending its body sees "connection reset" instead
   * of the 413 (the lingering close web servers do). A body larger than the bound is cut off as before.
   */
  static void drainRejectedBody(Context ctx) {
    ctx.header("Connection", "close");
    long deadline = System.nanoTime() + DRAIN_MAX_TIME.toNanos();
    byte[] buf = new byte[64 * 1024];
    long read = 0;
    try {
      java.io.InputStream in = ctx.req().getInputStream();
      int n;
      while (read < DRAIN_MAX_BYTES && System.nanoTime() < deadline && (n = in.read(buf)) >= 0) read += n;
    } catch (java.io.IOException | RuntimeException e) {
      log.debug("discarding a rejected request body stopped after {} bytes: {}", read, e.toString());
    }
  }

  private static boolean isJson(Context ctx) {
    String ct = ctx.res().getContentType();
    return ct != null && ct.startsWith("application/json");
  }

  private static String route(Context ctx) {
    try {
      Endpoint e = ctx.endpoints().matchedHttpEndpoint();
      return e == null ? "unmatched" : e.path;
    } catch (RuntimeException e) {
      return "unmatched";
    }
  }

  static String errorName(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "payload_too_large";
      case 429 -> "too_many_requests";
      default -> status >= 500 ? "internal_error" : "http_" + status;
    };
  }

}
