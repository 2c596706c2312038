package io.gridwire.app.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket energy device speaking the existing devices' protocol: connect to
 * {@code /ws/devices?session_id=...}, authenticate with the first message ({@code email} +
 * {@code password}, or a per-device {@code token}), then send telemetry such as
 * {@code {"battery_voltage": 24.5, "solar_power": 1500, "timestamp": "..."}} every interval
 * (after a {@code hello} naming its kind). Commands from the gateway (text JSON, or a binary
 * Modbus frame from a broadcast) are logged and kept. Reconnects after a drop. Blocking {@link #run}.
 */
public final class WsDeviceSimulator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WsDeviceSimulator.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI uri;
  private final Map<String, String> auth;
  private final Duration interval;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final AtomicLong sent = new AtomicLong();
  private volatile boolean stopped;
  private volatile WebSocket socket;

  /**
   * @param baseUrl gateway base, e.g. {@code ws://127.0.0.1:8080}
   * @param sessionId the device's session id (its device id in Gridwire)
   * @param auth {@code {"token": ...}} or {@code {"email": ..., "password": ...}}
   */
  public WsDeviceSimulator(String baseUrl, String sessionId, Map<String, String> auth, Duration interval) {
    this.uri = URI.create(baseUrl + "/ws/devices?session_id=" + URLEncoder.encode(sessionId, StandardCharsets.UTF_8));
    this.auth = Map.copyOf(auth);
    this.interval = interval;
  }

  /** Connects, authenticates and sends telemetry until {@link #close}; reconnects after 5 s on failure. */
  public void run() {
    long step = 0;
    while (!stopped) {
      try {
        WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
            .buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
        socket = ws;
        ws.sendText(JSON.writeValueAsString(auth), true).get(5, TimeUnit.SECONDS);
        ws.sendText(JSON.writeValueAsString(Map.of("type", "hello", "kind", "inverter", "name", "Demo WebSocket inverter",
            "site", "demo")), true).get(5, TimeUnit.SECONDS);
        while (!stopped && !ws.isOutputClosed() && !ws.isInputClosed()) {
          ws.sendText(JSON.writeValueAsString(telemetry(step++)), true).get(5, TimeUnit.SECONDS);
          sent.incrementAndGet();
          Thread.sleep(interval.toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        if (stopped) return;
        log.info("ws device {}: {} — reconnecting in 5 s", uri, e.toString());
        sleepQuietly(Duration.ofSeconds(5));
      }
    }
  }

  static Map<String, Object> telemetry(long step) {
    double t = step / 10.0;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("battery_voltage", Math.round((24.5 + 0.4 * Math.sin(t)) * 100) / 100.0);
    m.put("solar_power", Math.max(0, Math.round(1500 + 400 * Math.sin(t / 4))));
    m.put("load_power", Math.round(900 + 150 * Math.cos(t / 3)));
    m.put("inverter", Map.of("temperature", Math.round((41 + 2 * Math.sin(t / 7)) * 10) / 10.0, "on", true));
    m.put("timestamp", LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString());
    return m;
  }

  /** Messages the gateway sent to this device (auth answer, commands). */
  public List<String> received() {
    return List.copyOf(received);
  }

  public long sent() {
    return sent.get();
  }

  @Override
  public void close() {
    stopped = true;
    WebSocket ws = socket;
    if (ws != null) ws.sendClose(WebSocket.NORMAL_CLOSURE, "simulator stopped");
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, java.nio.ByteBuffer data, boolean last) {
      StringBuilder hex = new StringBuilder("binary:");
      while (data.hasRemaining()) hex.append(String.format(" %02x", data.get() & 0xff));
      if (received.size() < 1000) received.add(hex.toString());
      log.info("ws device received {}", hex);
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String msg = partial.toString();
        partial.setLength(0);
        if (received.size() < 1000) received.add(msg);
        log.info("ws device received: {}", msg.length() > 200 ? msg.substring(0, 200) + "…" : msg);
      }
      ws.request(1);
      return null;
    }
  }
}
