package io.gridwire.web.rest;

import io.gridwire.core.api.ApiRequest;
import io.gridwire.core.api.ApiResponse;
import io.gridwire.core.api.ApiRoute;
import io.gridwire.web.auth.Principal;
import io.javalin.http.Context;
import java.util.Map;
import io.gridwire.web.json.Responses;
import io.gridwire.web.json.Bodies;

/** Runs a connector's {@link ApiRoute} behind the web module's auth, body bound and JSON. */
public final class ExtraRoutes {
  private final long maxRequestBytes;

  public ExtraRoutes(long maxRequestBytes) {
    this.maxRequestBytes = maxRequestBytes;
  }

  public AuthGuard.SecuredHandler adapt(ApiRoute route) {
    return (Context ctx, Principal p) -> {
      byte[] body = "GET".equalsIgnoreCase(route.method()) ? new byte[0] : Bodies.read(ctx, maxRequestBytes);
      ApiRequest req = new ApiRequest(Map.copyOf(ctx.pathParamMap()), ctx.queryParamMap(), body, p.user().email(),
          p.admin(), ctx.ip());
      ApiResponse res = route.handler().handle(req);
      if (res == null || res.body() == null) {
        ctx.status(res == null ? 204 : res.status());
        return;
      }
      Responses.json(ctx, res.status(), res.body());
    };
  }
}
