package io.gridwire.uplink.sim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The server side of the RFC 6455 opening handshake, pure apart from reading the request. */
public final class WsHandshake {
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final int MAX_HEADER_BYTES = 8192;

  private WsHandshake() {}

  /** Reads request line and headers (lower-cased names); at most 8 KiB. */
  public static Map<String, String> readRequest(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0) {
      sb.append((char) b);
      if (sb.length() > MAX_HEADER_BYTES) throw new IOException("handshake over " + MAX_HEADER_BYTES + " bytes");
      if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) break;
    }
    if (b < 0) throw new IOException("connection closed during handshake");
    Map<String, String> headers = new HashMap<>();
    String[] lines = sb.toString().split("\r\n");
    headers.put(":request", lines[0]);
    for (int i = 1; i < lines.length; i++) {
      int c = lines[i].indexOf(':');
      if (c > 0) headers.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
    }
    return headers;
  }

  /** The {@code Sec-WebSocket-Accept} value for a client key. */
  public static String accept(String key) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(sha);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The 101 answer, or null when the request is not a WebSocket upgrade. */
  public static String response(Map<String, String> headers) {
    String key = headers.get("sec-websocket-key");
    if (key == null || !"websocket".equalsIgnoreCase(headers.getOrDefault("upgrade", ""))) return null;
    return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n";
  }
}
