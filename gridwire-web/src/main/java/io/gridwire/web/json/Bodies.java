package io.gridwire.web.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.gridwire.core.api.ApiException;
import io.javalin.http.Context;

/** Request bodies, bounded: larger than the limit → 413; not JSON → 400. */
public final class Bodies {
  private Bodies() {}

  public static byte[] read(Context ctx, long maxBytes) {
    long declared = ctx.contentLength();
    if (declared > maxBytes) throw tooLarge(maxBytes);
    byte[] body = ctx.bodyAsBytes();
    if (body.length > maxBytes) throw tooLarge(maxBytes);
    return body;
  }

  /** Parses a JSON body into {@code type}; a malformed body is a 400 that says where. */
  public static <T> T json(Context ctx, long maxBytes, Class<T> type) {
    byte[] body = read(ctx, maxBytes);
    if (body.length == 0) throw new ApiException(400, "malformed_json", "request body is empty; expected a JSON object");
    try {
      T value = Json.MAPPER.readValue(body, type);
      if (value == null) throw new ApiException(400, "malformed_json", "expected a JSON object, got null");
      return value;
    } catch (JsonProcessingException e) {
      throw new ApiException(400, "malformed_json", describe(e));
    } catch (java.io.IOException e) {
      throw new ApiException(400, "malformed_json", "unreadable body");
    }
  }

  private static String describe(JsonProcessingException e) {
    var loc = e.getLocation();
    String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    String msg = e.getOriginalMessage();
    if (msg != null && msg.length() > 200) msg = msg.substring(0, 200) + "…";
    return "request body is not valid JSON" + where + ": " + msg;
  }

  public static ApiException tooLarge(long maxBytes) {
    return new ApiException(413, "payload_too_large", "request body exceeds " + maxBytes + " bytes");
  }
}
