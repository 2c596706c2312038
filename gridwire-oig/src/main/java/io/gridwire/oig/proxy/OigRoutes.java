package io.gridwire.oig.proxy;

import io.gridwire.core.api.ApiException;
import io.gridwire.core.api.ApiRequest;
import io.gridwire.core.api.ApiResponse;
import io.gridwire.core.api.ApiRoute;
import io.gridwire.core.port.DurableQueue;
import io.gridwire.core.port.QueueStats;
import io.gridwire.core.port.capture.CaptureStore;
import io.gridwire.core.port.capture.ConnectionRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/oig/...}: live sessions and the capture statistics (SPEC §3.2).
 * Time windows are {@code ?hours=} (default 24); lists take {@code ?limit=} (default 100, max 10,000).
 */
final class OigRoutes {
  private final OigProxy proxy;
  private final Clock clock;

  OigRoutes(OigProxy proxy, Clock clock) {
    this.proxy = proxy;
    this.clock = clock;
  }

  List<ApiRoute> routes() {
    return List.of(
        ApiRoute.get("/api/oig/sessions", r -> ApiResponse.ok(proxy.sessions().stream().map(OigRoutes::session).toList())),
        ApiRoute.get("/api/oig/transitions", r -> ApiResponse.ok(capture().modeTransitions(limit(r)))),
        ApiRoute.get("/api/oig/tables", r -> ApiResponse.ok(capture().tableStats(since(r)))),
        ApiRoute.get("/api/oig/connections", r -> ApiResponse.ok(connections(limit(r), false))),
        ApiRoute.get("/api/oig/outages", r -> ApiResponse.ok(connections(limit(r), true))),
        ApiRoute.get("/api/oig/answers", r -> ApiResponse.ok(answers(since(r)))),
        ApiRoute.get("/api/oig/frames", r -> ApiResponse.ok(capture().frames(connection(r), limit(r)))),
        ApiRoute.get("/api/oig/backfill", r -> ApiResponse.ok(backfill())),
        ApiRoute.get("/api/oig/hygiene", r -> ApiResponse.ok(proxy.hygiene())));
  }

  /** One session as the API shows it: snake_case keys, the mode's lower-case wire name. */
  private static Map<String, Object> session(SessionInfo s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("remote", s.remote());
    m.put("device_id", s.deviceId());
    m.put("mode", s.mode().wireName());
    m.put("opened", s.opened() == null ? null : s.opened().toString());
    m.put("last_frame", s.lastFrame() == null ? null : s.lastFrame().toString());
    m.put("box_frames", s.boxFrames());
    m.put("forwarded", s.forwarded());
    m.put("answered_locally", s.answeredLocally());
    m.put("backfilled", s.backfilled());
    m.put("mode_changes", s.modeChanges());
    return m;
  }

  private CaptureStore capture() {
    CaptureStore s = proxy.captureStore();
    if (s == null) throw ApiException.notFound("OIG capture is off (oig.capture.enabled=false)");
    return s;
  }

  /** Connections with frame count and duration; {@code shortOnly}: 1-frame connections (outages). */
  private List<Map<String, Object>> connections(int limit, boolean shortOnly) {
    Instant now = clock.instant();
    List<Map<String, Object>> out = new ArrayList<>();
    for (ConnectionRecord c : capture().connections(shortOnly ? 10_000 : limit)) {
      boolean isShort = c.closed() != null && c.frames() <= 1;
      if (shortOnly && !isShort) continue;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", c.id());
      m.put("remote", c.remote());
      m.put("device_id", c.deviceId());
      m.put("opened", c.opened().toString());
      m.put("closed", c.closed() == null ? null : c.closed().toString());
      m.put("frames", c.frames());
      m.put("duration_seconds", c.durationSeconds(now));
      m.put("short", isShort);
      m.put("close_reason", c.closeReason());
      out.add(m);
      if (out.size() >= limit) break;
    }
    return out;
  }

  private Map<String, Object> answers(Instant since) {
    List<CaptureStore.AnswerStat> mix = capture().answerMix(since);
    long total = mix.stream().mapToLong(CaptureStore.AnswerStat::count).sum();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (CaptureStore.AnswerStat a : mix) {
      rows.add(Map.of("kind", a.kind(), "source", a.direction(), "count", a.count(),
          "percent", total == 0 ? 0.0 : Math.round(a.count() * 10000.0 / total) / 100.0));
    }
    return Map.of("since", since.toString(), "total", total, "answers", rows);
  }

  private Map<String, Object> backfill() {
    DurableQueue q = proxy.backfillQueue();
    QueueStats s = q == null ? new QueueStats(0, 0, null, 0) : q.stats();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("enabled", q != null);
    m.put("queued", s.messages());
    m.put("dropped", s.dropped());
    m.put("delivered", proxy.backfillDelivered());
    return m;
  }

  private Instant since(ApiRequest r) {
    String h = r.query("hours");
    try {
      double hours = h == null ? 24 : Double.parseDouble(h);
      if (hours <= 0) throw ApiException.badRequest("hours must be > 0: " + h);
      return clock.instant().minus(Duration.ofSeconds((long) (hours * 3600)));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("hours is not a number: " + h);
    }
  }

  private static int limit(ApiRequest r) {
    String l = r.query("limit");
    try {
      int n = l == null ? 100 : Integer.parseInt(l);
      if (n < 1 || n > 10_000) throw ApiException.badRequest("limit must be 1..10000: " + l);
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("limit is not a number: " + l);
    }
  }

  private static long connection(ApiRequest r) {
    String c = r.query("connection");
    try {
      return c == null ? -1 : Long.parseLong(c);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("connection is not a number: " + c);
    }
  }
}
