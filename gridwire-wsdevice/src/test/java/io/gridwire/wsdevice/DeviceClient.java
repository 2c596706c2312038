package io.gridwire.wsdevice;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.web.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A device as ws-device-server devices behave, on the JDK's WebSocket client (independent of Jetty). */
public final class DeviceClient implements WebSocket.Listener {
  public final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
  public final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
  /** Completes with "code reason" on close. */
  public final CompletableFuture<String> closed = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private final java.io.ByteArrayOutputStream partialBinary = new java.io.ByteArrayOutputStream();
  public WebSocket socket;

  public static DeviceClient connect(HttpClient http, String wsBase, String sessionId) {
    DeviceClient c = new DeviceClient();
    c.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
        .buildAsync(URI.create(wsBase + "/ws/devices?session_id=" + sessionId), c).join();
    return c;
  }

  /** Any WebSocket (e.g. {@code /ws/metrics}), collecting its messages. */
  public static DeviceClient open(HttpClient http, String uri) {
    DeviceClient c = new DeviceClient();
    c.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(URI.create(uri), c).join();
    return c;
  }

  /** Connects, sends email/password, and asserts the device-server's answer. */
  public static DeviceClient authenticated(HttpClient http, String wsBase, String sessionId, String email, String password)
      throws Exception {
    DeviceClient c = connect(http, wsBase, sessionId);
    c.send("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    JsonNode a = c.nextJson();
    if (!"authenticated".equals(a.path("status").asText())) throw new AssertionError("not authenticated: " + a);
    return c;
  }

  public static DeviceClient withToken(HttpClient http, String wsBase, String sessionId, String token) throws Exception {
    DeviceClient c = connect(http, wsBase, sessionId);
    c.send("{\"token\":\"" + token + "\"}");
    JsonNode a = c.nextJson();
    if (!"authenticated".equals(a.path("status").asText())) throw new AssertionError("not authenticated: " + a);
    return c;
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      texts.add(partial.toString());
      partial.setLength(0);
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
    byte[] b = new byte[data.remaining()];
    data.get(b);
    partialBinary.writeBytes(b);
    if (last) {
      binaries.add(partialBinary.toByteArray());
      partialBinary.reset();
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    closed.complete(statusCode + " " + reason);
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    closed.completeExceptionally(error);
  }

  public String next() throws InterruptedException {
    String m = texts.poll(5, TimeUnit.SECONDS);
    if (m == null) throw new AssertionError("no message within 5 s");
    return m;
  }

  public JsonNode nextJson() throws Exception {
    return Json.MAPPER.readTree(next());
  }

  public byte[] nextBinary() throws InterruptedException {
    byte[] m = binaries.poll(5, TimeUnit.SECONDS);
    if (m == null) throw new AssertionError("no binary message within 5 s");
    return m;
  }

  public void send(String text) {
    socket.sendText(text, true).join();
  }

  public String awaitClose() throws Exception {
    return closed.get(5, TimeUnit.SECONDS);
  }

  public void abort() {
    socket.abort();
  }
}
