package io.gridwire.wsdevice.session;

import io.gridwire.core.admission.Admission;
import io.gridwire.core.admission.DeviceAdmission;
import io.gridwire.core.api.ApiException;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.cluster.Cluster;
import io.gridwire.core.cluster.SessionEntry;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.device.Source;
import io.gridwire.core.reading.MetricNameLimit;
import io.gridwire.core.reading.Reading;
import io.gridwire.wsdevice.auth.DeviceAuth;
import io.gridwire.wsdevice.config.DeviceConfig;
import io.gridwire.wsdevice.protocol.DeviceMessage;
import io.gridwire.wsdevice.protocol.DeviceMessageParser;
import io.gridwire.wsdevice.protocol.DeviceNotice;
import io.gridwire.wsdevice.protocol.WireJson;
import io.javalin.http.Context;
import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code WS /ws/devices?session_id={id}} (SPEC §3.4), compatible with the devices of a standalone ws-device-server.
 *
 * <pre>
 *  connect ──▶ PENDING ──{"email","password"} | {"token"}──▶ ACTIVE ──close/error──▶ gone
 *                 │ bad credentials / rate limited: error message, close 1008
 *                 │ nothing within authTimeout: close 1008
 *                 │ authenticated, but a new device refused or held by {@link DeviceAdmission}
 *                 │ (caps of source ws, id of another source's device): error not_admitted, close 1008
 *  ACTIVE: {"type":"hello",…} names the device; {"command_id",…} answers a command;
 *          any other JSON object is telemetry → a Reading of device {session_id}
 * </pre>
 *
 * A newer authenticated connection with the same {@code session_id} replaces the older one, which
 * is closed with 1000 and the reason {@code replaced by a newer connection}. Thread-safe.
 */
public final class DeviceSocket implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DeviceSocket.class);
  private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
  public static final String REPLACED = "replaced by a newer connection with the same session_id";
  private final DeviceConfig config;
  private final DeviceAuth auth;
  private final DeviceSessions sessions;
  private final CommandLink commands;
  private final DeviceRegistry registry;
  private final Bus<Reading> readings;
  private final Cluster cluster;
  private final Clock clock;
  private final DeviceCounters counters;
  private final DeviceMessageParser parser;
  private final DeviceAdmission admission;
  private final Map<String, Object> states = new ConcurrentHashMap<>();
  private final MetricNameLimit names = new MetricNameLimit();
  private final ScheduledExecutorService timer;

  /** Waiting for the auth message. */
  private record Pending(String sessionId, String address, ScheduledFuture<?> timeout) {}

  public DeviceSocket(DeviceConfig config, DeviceAuth auth, DeviceSessions sessions, CommandLink commands,
      DeviceRegistry registry, Bus<Reading> readings, Cluster cluster, Clock clock, DeviceCounters counters,
      DeviceAdmission admission) {
    this.admission = admission;
    this.config = config;
    this.auth = auth;
    this.sessions = sessions;
    this.commands = commands;
    this.registry = registry;
    registry.addRemovalListener(names::forget); // a removed device's names are forgotten with it
    this.readings = readings;
    this.cluster = cluster;
    this.clock = clock;
    this.counters = counters;
    this.parser = new DeviceMessageParser(config.maxMessageBytes(), config.maxJsonDepth());
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1,
        Thread.ofPlatform().daemon().name("ws-devices-timer").factory());
    t.setRemoveOnCancelPolicy(true);
    this.timer = t;
  }

  /** 400 before upgrading when {@code session_id} is missing or malformed. */
  public void beforeUpgrade(Context ctx) throws java.io.IOException {
    String id = ctx.queryParam("session_id");
    if (id != null && SESSION_ID.matcher(id).matches()) return;
    ApiException e = new ApiException(400, "bad_request",
        "query parameter 'session_id' is required: 1..128 characters of letters, digits and . _ : @ -");
    byte[] body = WireJson.MAPPER.writeValueAsBytes(Map.of("error", e.error(), "detail", e.detail()));
    var res = ctx.res();
    res.setStatus(400);
    res.setContentType(WireJson.CONTENT_TYPE);
    res.setContentLength(body.length);
    res.getOutputStream().write(body);
    res.flushBuffer();
    throw e;
  }

  public void configure(WsConfig ws) {
    ws.onConnect(this::connect);
    ws.onMessage(this::message);
    ws.onBinaryMessage(this::binary);
    ws.onClose(ctx -> gone(ctx, ctx.status() == 1000 || ctx.status() == 1001 ? null
        : "connection closed (" + ctx.status() + (ctx.reason() == null ? "" : " " + ctx.reason()) + ")"));
    ws.onError(ctx -> gone(ctx, "connection lost: " + (ctx.error() == null ? "error" : ctx.error().getClass().getSimpleName())));
  }

  private void connect(WsConnectContext ctx) {
    ctx.session.setMaxTextMessageSize(config.hardMessageBytes());
    ctx.session.setMaxBinaryMessageSize(config.hardMessageBytes());
    ctx.enableAutomaticPings(config.pingInterval().toMillis(), TimeUnit.MILLISECONDS);
    String sessionId = ctx.queryParam("session_id");
    String address = address(ctx);
    ScheduledFuture<?> timeout = timer.schedule(() -> authTimeout(ctx), config.authTimeout().toMillis(),
        TimeUnit.MILLISECONDS);
    states.put(ctx.sessionId(), new Pending(sessionId, address, timeout));
  }

  private void authTimeout(WsContext ctx) {
    if (states.get(ctx.sessionId()) instanceof Pending) {
      counters.authTimeouts.increment();
      sendQuietly(ctx, DeviceNotice.error("auth_timeout", "no authentication message within " + config.authTimeout().toSeconds() + " s"));
      ctx.closeSession(1008, "authentication timeout");
    }
  }

  private void message(WsMessageContext ctx) {
    Object state = states.get(ctx.sessionId());
    if (state instanceof Pending p) authenticate(ctx, p, ctx.message());
    else if (state instanceof DeviceSession s) telemetry(s, ctx.message());
  }

  private void binary(WsBinaryMessageContext ctx) {
    Object state = states.get(ctx.sessionId());
    if (state instanceof Pending p) {
      authenticate(ctx, p, "");
    } else if (state instanceof DeviceSession s) {
      String last = s.lastCommandId();
      java.nio.ByteBuffer data = ctx.data().duplicate();
      byte[] bytes = new byte[Math.min(data.remaining(), 512)];
      data.get(bytes);
      String hex = HexFormat.ofDelimiter(" ").formatHex(bytes);
      if (last != null) commands.answered(s.sessionId(), last, "{\"binary\":\"" + hex + "\"}");
      else reject(s, "unexpected_binary", "binary frames are only expected as answers to a Modbus broadcast");
    }
  }

  private void authenticate(WsContext ctx, Pending p, String message) {
    switch (auth.check(message, p.sessionId(), p.address())) {
      case DeviceAuth.Outcome.Authenticated a -> activate(ctx, p, a);
      case DeviceAuth.Outcome.Refused r -> refuse(ctx, p, "invalid_credentials", r.detail());
      case DeviceAuth.Outcome.RateLimited r -> refuse(ctx, p, "too_many_attempts",
          "too many failed attempts; retry in " + Math.max(1, r.retryAfter().toSeconds()) + " s");
    }
  }

  private void refuse(WsContext ctx, Pending p, String code, String detail) {
    p.timeout().cancel(false);
    states.remove(ctx.sessionId());
    counters.authFailures.increment();
    log.info("device {} from {} refused: {}", p.sessionId(), p.address(), detail);
    sendQuietly(ctx, DeviceNotice.error(code, detail));
    ctx.closeSession(1008, "authentication failed");
  }

  private void activate(WsContext ctx, Pending p, DeviceAuth.Outcome.Authenticated a) {
    p.timeout().cancel(false);
    Admission admitted = admission.admitAuthenticated(Device.of(p.sessionId(), "", "device", Source.WS));
    if (!admitted.admitted()) {
      notAdmitted(ctx, p, admitted);
      return;
    }
    DeviceSession s = new DeviceSession(p.sessionId(), a.owner(), a.method(), p.address(), clock.instant(), ctx.session,
        config.sendTimeout().toMillis() + 1000, new TokenBucket(clock, config.messagesPerSecond(), config.burst()),
        counters.sendsRefused::increment);
    states.put(ctx.sessionId(), s);
    sessions.open(s).ifPresent(old -> old.close(1000, REPLACED));
    register(s, null);
    s.sendText("{\"status\":\"authenticated\"}");
    claim(s);
  }

  /** Counted and logged (rate-limited) by the admission; the device is told why and closed. */
  private void notAdmitted(WsContext ctx, Pending p, Admission a) {
    states.remove(ctx.sessionId());
    String detail = a instanceof Admission.Refused r ? r.reason().wireName() + ": " + r.detail()
        : "pending: an admin approves it with POST /api/devices/{id}/approve";
    sendQuietly(ctx, DeviceNotice.error("not_admitted", detail));
    ctx.closeSession(1008, "device not admitted");
  }

  private void claim(DeviceSession s) {
    if (cluster == null) return;
    try {
      cluster.directory().claim(new SessionEntry(s.sessionId(), cluster.nodeId(), s.owner(), s.connectedAt()))
          .ifPresent(node -> commands.closeRemote(node, s.sessionId(), REPLACED));
    } catch (RuntimeException e) {
      log.warn("session {} not recorded in the session directory now ({}); it will be on the next refresh",
          s.sessionId(), e.getMessage());
    }
  }

  private void register(DeviceSession s, DeviceMessage.Hello hello) {
    Device base = registry.get(s.sessionId()).orElse(Device.of(s.sessionId(), "", "device", Source.WS));
    Map<String, String> attrs = new LinkedHashMap<>(base.attributes());
    if (s.owner() != null) attrs.put("owner", s.owner());
    attrs.put("auth", s.auth());
    if (cluster != null) attrs.put("node", cluster.nodeId());
    Device d = new Device(s.sessionId(), hello != null && hello.site() != null ? hello.site() : base.site(),
        hello != null && hello.kind() != null ? hello.kind() : base.kind(), Source.WS,
        hello != null && hello.model() != null ? hello.model() : base.model(), base.serialNumber(),
        hello != null && hello.name() != null ? hello.name() : base.name(), false, null, null, attrs);
    registry.register(d);
    registry.seen(s.sessionId());
  }

  private void telemetry(DeviceSession s, String text) {
    if (!s.bucket.tryTake()) {
      s.throttledOne();
      counters.throttled.increment();
      // One notice per 100 throttled messages, so a flood is not answered with a flood.
      if (s.messagesThrottled() % 100 == 1) {
        sendQuietly(s, DeviceNotice.error("throttled", "more than " + config.messagesPerSecond() + " messages/s; messages dropped"));
      }
      return;
    }
    switch (parser.parse(text, s.sessionId(), clock.instant())) {
      case DeviceMessage.Telemetry t -> {
        if (t.timestampProblem() != null) badTimestamp(s, t.timestampProblem());
        s.receivedOne(clock.millis());
        counters.received.increment();
        registry.seen(s.sessionId());
        MetricNameLimit.Admitted a = names.admit(t.reading());
        if (!a.refused().isEmpty()) metricsRefused(s, a);
        if (!a.reading().values().isEmpty()) readings.publish(a.reading());
      }
      case DeviceMessage.Hello h -> register(s, h);
      case DeviceMessage.Reply r -> commands.answered(s.sessionId(), r.commandId(), r.text());
      case DeviceMessage.Invalid i -> reject(s, i.code(), i.detail());
    }
  }

  /**
   * Values under refused metric names are dropped, the rest published; counted as rejected
   * ({@code too_many_metrics}); the device hears of it on the first and every 100th, the log once per session.
   */
  private void metricsRefused(DeviceSession s, MetricNameLimit.Admitted a) {
    counters.rejected("too_many_metrics").increment();
    long n = s.metricsRefusedOne();
    if (n == 1) log.warn("device {} from {}: {}", s.sessionId(), s.remoteAddress(), a.explain());
    if (n % 100 == 1) sendQuietly(s, DeviceNotice.warning("too_many_metrics", a.explain()));
  }

  /** Counted; the device hears of it on the first and every 100th, the log once per session. */
  private void badTimestamp(DeviceSession s, String problem) {
    counters.badTimestamps.increment();
    long n = s.badTimestampOne();
    if (n == 1) {
      log.warn("device {} from {} sends impossible timestamps ({}); fix the device's clock or timestamp format",
          s.sessionId(), s.remoteAddress(), problem);
    }
    if (n % 100 == 1) sendQuietly(s, DeviceNotice.warning("bad_timestamp", problem));
  }

  private void reject(DeviceSession s, String code, String detail) {
    s.rejectedOne();
    counters.rejected(code).increment();
    sendQuietly(s, DeviceNotice.error(code, detail));
  }

  private void gone(WsContext ctx, String error) {
    ctx.disableAutomaticPings();
    Object state = states.remove(ctx.sessionId());
    if (state instanceof Pending p) p.timeout().cancel(false);
    if (!(state instanceof DeviceSession s)) return;
    if (!sessions.closed(s)) return; // replaced: the newer connection keeps the device online
    registry.offline(s.sessionId(), error);
    if (cluster != null) {
      try {
        cluster.directory().release(s.sessionId());
      } catch (RuntimeException e) {
        log.debug("release of {} failed: {}", s.sessionId(), e.getMessage());
      }
    }
  }

  private static void sendQuietly(DeviceSession s, String text) {
    s.sendText(text);
  }

  private static void sendQuietly(WsContext ctx, String text) {
    try {
      ctx.session.sendText(text, org.eclipse.jetty.websocket.api.Callback.NOOP);
    } catch (RuntimeException e) {
      log.debug("could not answer a device: {}", e.toString());
    }
  }

  private static String address(WsContext ctx) {
    var a = ctx.session.getRemoteSocketAddress();
    if (a instanceof java.net.InetSocketAddress i) return i.getAddress() == null ? i.getHostString() : i.getAddress().getHostAddress();
    return String.valueOf(a);
  }

  /** Closes every device connection (server stopping). */
  @Override
  public void close() {
    timer.shutdownNow();
    for (DeviceSession s : sessions.all()) s.close(1001, "gateway stopping");
  }
}
