package io.gridwire.web.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.web.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A JDK WebSocket client that collects whole text messages. */
final class WsProbe implements WebSocket.Listener {
  final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
  final CompletableFuture<Integer> closed = new CompletableFuture<>();
  final AtomicInteger received = new AtomicInteger();
  private final StringBuilder partial = new StringBuilder();
  WebSocket socket;

  static WsProbe connect(HttpClient http, String uri) {
    WsProbe p = new WsProbe();
    p.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(URI.create(uri), p).join();
    return p;
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      messages.add(partial.toString());
      received.incrementAndGet();
      partial.setLength(0);
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    closed.completeExceptionally(error);
  }

  String next() throws InterruptedException {
    String m = messages.poll(5, TimeUnit.SECONDS);
    if (m == null) throw new AssertionError("no WebSocket message within 5 s");
    return m;
  }

  JsonNode nextJson() throws Exception {
    return Json.MAPPER.readTree(next());
  }

  void send(String text) {
    socket.sendText(text, true).join();
  }

  void close() {
    socket.abort();
  }
}
