package io.gridwire.uplink.ws;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One WebSocket connection to the broker over the JDK client: assembles text frames, records
 * pongs, and reports the end of the connection. Sends are made by one thread at a time (the
 * uplink's pump); broker messages are handed to {@code onMessage} on the client's thread.
 */
final class WsSession implements WebSocket.Listener {
  private final Clock clock;
  private final Consumer<BrokerMessage> onMessage;
  private final CompletableFuture<String> closed = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private final int maxMessageChars;
  private volatile Instant lastPong;
  private WebSocket ws;

  private WsSession(Clock clock, Consumer<BrokerMessage> onMessage, int maxMessageChars) {
    this.clock = clock;
    this.onMessage = onMessage;
    this.maxMessageChars = maxMessageChars;
    this.lastPong = clock.instant();
  }

  /** Opens the connection; blocks up to {@code timeout}. */
  static WsSession open(HttpClient http, URI url, Duration timeout, Clock clock, Consumer<BrokerMessage> onMessage)
      throws Exception {
    WsSession s = new WsSession(clock, onMessage, 1 << 20);
    s.ws = http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(url, s)
        .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    return s;
  }

  /** Sends one text message and waits until it is written; throws if not within {@code timeout}. */
  void send(String text, Duration timeout) throws Exception {
    await(ws.sendText(text, true), timeout);
  }

  void ping(Duration timeout) throws Exception {
    await(ws.sendPing(ByteBuffer.wrap(new byte[] {'g', 'w'})), timeout);
  }

  private static void await(CompletableFuture<?> f, Duration timeout) throws Exception {
    try {
      f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    } catch (TimeoutException e) {
      throw new TimeoutException("write not completed within " + timeout);
    }
  }

  Instant lastPong() {
    return lastPong;
  }

  /** Why the connection ended, or null while open. */
  String closedReason() {
    return closed.getNow(null);
  }

  boolean isOpen() {
    return !closed.isDone() && !ws.isOutputClosed() && !ws.isInputClosed();
  }

  /** Sends a normal close and drops the connection without waiting for the broker. */
  void close() {
    closed.complete("closed by gateway");
    try {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(1, TimeUnit.SECONDS)
          .whenComplete((r, e) -> ws.abort());
    } catch (RuntimeException e) {
      ws.abort();
    }
  }

  void abort(String reason) {
    closed.complete(reason);
    ws.abort();
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    if (partial.length() + data.length() > maxMessageChars) {
      abort("broker message over " + maxMessageChars + " chars");
      return null;
    }
    partial.append(data);
    if (last) {
      String text = partial.toString();
      partial.setLength(0);
      onMessage.accept(UplinkCodec.parse(text));
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
    lastPong = clock.instant();
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete("broker closed: " + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason));
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.complete("connection error: " + error);
  }
}
