package io.gridwire.web.ws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.SSLSession;

/** Reads one HTTP/1.1 response from a raw socket (status line, headers, Content-Length body). */
final class RawHttp {
  private RawHttp() {}

  /** Reads the status line and headers only, leaving the socket positioned after them. */
  static Head readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int b = in.read();
      if (b < 0) throw new IOException("connection closed in headers");
      head.write(b);
      state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 1; i < lines.length; i++) {
      int c = lines[i].indexOf(':');
      if (c > 0) headers.computeIfAbsent(lines[i].substring(0, c).trim(), k -> new ArrayList<>()).add(lines[i].substring(c + 1).trim());
    }
    return new Head(status, headers);
  }

  record Head(int status, Map<String, List<String>> headers) {}

  static HttpResponse<String> read(InputStream in) throws IOException {
    Head h = readHead(in);
    String body;
    if (h.headers().getOrDefault("Transfer-Encoding", List.of("")).get(0).equalsIgnoreCase("chunked")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int size; (size = Integer.parseInt(line(in).trim(), 16)) > 0; line(in)) out.write(in.readNBytes(size));
      body = out.toString(StandardCharsets.UTF_8);
    } else {
      int len = Integer.parseInt(h.headers().getOrDefault("Content-Length", List.of("0")).get(0));
      body = new String(in.readNBytes(len), StandardCharsets.UTF_8);
    }
    return new Response(h.status(), body, HttpHeaders.of(h.headers(), (a, b) -> true));
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int b; (b = in.read()) >= 0 && b != '\n'; ) if (b != '\r') sb.append((char) b);
    return sb.toString();
  }

  private record Response(int statusCode, String body, HttpHeaders headers) implements HttpResponse<String> {
    @Override public HttpRequest request() {
      return HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).build();
    }

    @Override public Optional<HttpResponse<String>> previousResponse() {
      return Optional.empty();
    }

    @Override public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override public URI uri() {
      return request().uri();
    }

    @Override public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }
}
