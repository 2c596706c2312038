package io.gridwire.web.ws;

import io.gridwire.core.api.ApiException;
import io.gridwire.web.json.Json;
import io.gridwire.web.json.Responses;
import io.gridwire.web.rest.AuthGuard;
import io.gridwire.web.rest.Params;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.eclipse.jetty.websocket.api.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code WS /ws/metrics?devices=a,b}: authenticated at the upgrade (header or {@code ?token=}); a
 * bad or too long {@code devices} list is refused with 400 before upgrading. Then a snapshot, live
 * readings and events of those devices; text {@code ping} gets {@code pong}. With
 * {@code ?batch=true} readings that queue up for a client (it or the server lags) leave as one
 * {@code readings} frame instead of one frame each. Each client's sends run on its own virtual
 * thread, never on the hub's.
 */
public final class MetricsSocket {
  private static final Logger log = LoggerFactory.getLogger(MetricsSocket.class);
  private static final Pattern COMMA = Pattern.compile(",");
  private final MetricsHub hub;
  private final AuthGuard guard;
  private final Limits limits;
  private final Map<String, WsClient> bySession = new ConcurrentHashMap<>();
  /** Runs each client's drain (its socket sends) off the hub thread; one virtual thread per drain. */
  private static final Set<String> PARAMS = Set.of("devices", "batch");
  /** Upper bound (characters) of one {@code readings} frame of a client that asked for batches. */
  static final int BATCH_CHARS = 32 * 1024;
  private static final ThreadFactory DRAINS = Thread.ofVirtual().name("ws-metrics-drain").factory();
  private final Executor drainer = task -> DRAINS.newThread(task).start();

  /**
   * The bounds of the feed, from the {@code http} keys and the web server's runtime settings.
   *
   * @param maxDevicesParam most device ids in {@code ?devices=} (≥ 1)
   * @param clientQueue messages buffered per client before coalescing per device (≥ 1)
   * @param clientCoalesceKeys devices kept coalesced per client beyond the queue before dropping (≥ 1)
   * @param idleTimeout a client without any progress for this long is closed; pinged every third of it
   */
  public record Limits(int maxDevicesParam, int clientQueue, int clientCoalesceKeys, java.time.Duration idleTimeout) {}

  public MetricsSocket(MetricsHub hub, AuthGuard guard, Limits limits) {
    this.hub = hub;
    this.guard = guard;
    this.limits = limits;
  }

  /** Runs before the upgrade: 401 without a valid token, 400 for a bad {@code devices} list. */
  public void beforeUpgrade(Context ctx) throws java.io.IOException {
    try {
      guard.principal(ctx);
      devices(ctx.queryParamMap());
      batch(ctx.queryParamMap());
    } catch (ApiException e) {
      // Javalin does not write a result for a refused upgrade: write the JSON error ourselves.
      byte[] body = Json.MAPPER.writeValueAsBytes(java.util.Map.of("error", e.error(), "detail", e.detail()));
      var res = ctx.res();
      res.setStatus(e.status());
      res.setContentType(Responses.JSON);
      res.setContentLength(body.length);
      res.getOutputStream().write(body);
      res.flushBuffer();
      throw e;
    }
  }

  public void configure(WsConfig ws) {
    ws.onConnect(this::connect);
    ws.onMessage(ctx -> {
      WsClient c = bySession.get(ctx.sessionId());
      if (c == null) return;
      String m = ctx.message().trim();
      if (m.equals("ping")) c.offer(null, "pong");
      else c.offer(null, "{\"type\":\"error\",\"detail\":\"unknown message; send 'ping'\"}");
    });
    ws.onClose(ctx -> forget(ctx));
    ws.onError(ctx -> {
      log.debug("ws/metrics {} error: {}", ctx.sessionId(), String.valueOf(ctx.error()));
      forget(ctx);
    });
  }

  private void connect(WsConnectContext ctx) {
    Set<String> devices = devices(ctx.queryParamMap());
    var session = ctx.session;
    int batchChars = batch(ctx.queryParamMap()) ? BATCH_CHARS : 0;
    WsClient client = new WsClient(ctx.sessionId(), devices,
        (text, done, failed) -> session.sendText(text, Callback.from(done, failed)),
        limits.clientQueue(), limits.clientCoalesceKeys(), c -> {
          bySession.remove(c.id());
          hub.remove(c);
          session.disconnect();
        }, drainer, batchChars);
    bySession.put(ctx.sessionId(), client);
    long pingMs = Math.max(1000, limits.idleTimeout().toMillis() / 3);
    ctx.enableAutomaticPings(pingMs, TimeUnit.MILLISECONDS);
    hub.add(client);
  }

  private void forget(WsContext ctx) {
    ctx.disableAutomaticPings();
    WsClient c = bySession.remove(ctx.sessionId());
    if (c != null) {
      if (c.dropped() > 0) {
        log.info("ws/metrics client {} closed after dropping {} messages ({} coalesced)", c.id(), c.dropped(), c.coalesced());
      }
      hub.remove(c);
    }
  }

  /** {@code ?batch=true}: the client accepts {@code readings} messages (several readings per frame). */
  boolean batch(Map<String, List<String>> query) {
    String raw = Params.of(query, PARAMS).string("batch");
    if (raw == null || raw.equals("false")) return false;
    if (raw.equals("true")) return true;
    throw Params.bad("batch", "must be true or false");
  }

  /** The ids of {@code ?devices=a,b}; empty for all. */
  Set<String> devices(Map<String, List<String>> query) {
    String raw = Params.of(query, PARAMS).string("devices");
    if (raw == null) return Set.of();
    Set<String> ids = new LinkedHashSet<>();
    for (String part : COMMA.split(raw)) {
      String id = part.trim();
      if (id.isEmpty()) continue;
      if (id.length() > 200) throw Params.bad("devices", "holds an id longer than 200 characters");
      ids.add(id);
      if (ids.size() > limits.maxDevicesParam()) {
        throw new ApiException(400, "bad_request", "parameter 'devices' lists more than " + limits.maxDevicesParam()
            + " devices; subscribe to all devices by leaving it out");
      }
    }
    return ids;
  }
}
