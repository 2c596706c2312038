package io.gridwire.core.alarm;

import io.gridwire.core.api.ApiException;
import io.gridwire.core.api.ApiRequest;
import io.gridwire.core.api.ApiResponse;
import io.gridwire.core.api.ApiRoute;
import io.gridwire.core.user.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/alarms?site=&device_id=&severity=} (the active list, most severe first) and
 * {@code POST /api/alarms/{id}/ack} (operator; {@code id} is {@code <device id>:<alarm id>}).
 * Alarm history is {@code GET /api/events?type=alarm_raised} / {@code alarm_cleared}.
 */
public final class AlarmRoutes {
  private final AlarmBook book;

  public AlarmRoutes(AlarmBook book) {
    this.book = book;
  }

  public List<ApiRoute> routes() {
    return List.of(ApiRoute.get("/api/alarms", this::list),
        ApiRoute.post("/api/alarms/{id}/ack", Role.OPERATOR, this::ack));
  }

  private ApiResponse list(ApiRequest req) {
    for (String k : req.queryParams().keySet()) {
      if (!List.of("site", "device_id", "severity").contains(k)) {
        throw ApiException.badRequest("unknown query parameter '" + k + "' (site, device_id, severity)");
      }
    }
    Severity severity = null;
    if (req.query("severity") != null) {
      try {
        severity = Severity.fromWire(req.query("severity"));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("'severity': " + e.getMessage());
      }
    }
    AlarmFilter f = new AlarmFilter(req.query("site"), req.query("device_id"), severity);
    return ApiResponse.ok(book.list(f).stream().map(AlarmRoutes::json).toList());
  }

  private ApiResponse ack(ApiRequest req) {
    String id = req.path("id");
    return book.acknowledge(id, req.userEmail()).map(a -> ApiResponse.ok(json(a)))
        .orElseThrow(() -> ApiException.notFound("no active alarm '" + id + "' (ids are <device id>:<alarm id>)"));
  }

  /** The JSON form of an active alarm, shared by the API, the WebSocket stream and MQTT. */
  public static Map<String, Object> json(ActiveAlarm a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.key());
    m.put("device_id", a.deviceId());
    m.put("alarm_id", a.alarmId());
    m.put("name", a.name());
    m.put("severity", a.severity().wireName());
    m.put("class", a.alarmClass());
    m.put("site", a.site());
    m.put("state", a.state().wireName());
    m.put("raised_at", a.raisedAt().toString());
    m.put("values", a.values());
    m.put("acked_by", a.ackedBy());
    m.put("acked_at", a.ackedAt() == null ? null : a.ackedAt().toString());
    m.put("flaps", a.flaps());
    return m;
  }
}
