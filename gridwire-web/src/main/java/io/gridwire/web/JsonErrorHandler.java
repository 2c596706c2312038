package io.gridwire.web;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before a request reaches the routes (a path that is not valid
 * UTF-8, a malformed request line, a header too large), in the API's own shape
 * {@code {"error": ..., "detail": ...}} instead of Jetty's HTML page, so a client always gets
 * JSON it can read and nothing echoes the request back as HTML.
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
      List<Charset> charsets, int code, String message, Throwable cause) {
    String detail = message == null || message.isBlank() ? "the request could not be read" : message;
    String body = "{\"error\":\"" + HttpErrors.errorName(code) + "\",\"detail\":\"" + escape(detail) + "\"}";
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
    response.write(true, java.nio.ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder(Math.min(s.length(), 200));
    for (int i = 0; i < s.length() && i < 200; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') out.append('\\').append(c);
      else if (c < 0x20 || c > 0x7e) out.append(' ');
      else out.append(c);
    }
    return out.toString();
  }
}
