package io.gridwire.web.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes JSON answers and {@code {"error", "detail"}} errors. */
public final class Responses {
  public static final String JSON = "application/json; charset=utf-8";

  private Responses() {}

  public static void json(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType(JSON).result(Json.MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + body.getClass().getName(), e);
    }
  }

  public static void error(Context ctx, int status, String error, Object detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("detail", detail);
    json(ctx, status, body);
  }
}
