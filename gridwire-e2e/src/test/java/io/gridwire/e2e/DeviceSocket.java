package io.gridwire.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket device as the gateway sees it ({@code WS /ws/devices?session_id=...}): authenticates
 * with its first message and records every frame it receives (binary frames as lower-case hex).
 * Thread-safe for reading {@link #received()}.
 */
public final class DeviceSocket implements AutoCloseable {
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final WebSocket ws;

  /** Connects and sends {@code firstMessage} (e.g. {@code {"token": "..."}}). Blocks up to 10 s. */
  public DeviceSocket(int port, String sessionId, String firstMessage) throws Exception {
    ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/devices?session_id=" + sessionId), new WebSocket.Listener() {
          private final StringBuilder text = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              received.add(text.toString());
              text.setLength(0);
            }
            w.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            received.add(HexFormat.ofDelimiter(" ").formatHex(b));
            w.request(1);
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
    ws.sendText(firstMessage, true).get(5, TimeUnit.SECONDS);
  }

  public void send(String json) throws Exception {
    ws.sendText(json, true).get(5, TimeUnit.SECONDS);
  }

  /** Every frame received so far, in order. */
  public List<String> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    ws.abort();
  }
}
