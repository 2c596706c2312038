package io.gridwire.wsdevice.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.core.api.ApiException;
import io.gridwire.core.api.ApiRequest;
import io.gridwire.core.api.ApiResponse;
import io.gridwire.wsdevice.command.Commands;
import io.gridwire.wsdevice.command.HexFrame;
import io.gridwire.wsdevice.command.SendResult;
import io.gridwire.wsdevice.session.DeviceSessions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The device-server API: the paths of a standalone {@code ws-device-server}, with its semantics and
 * answers, so its clients keep working, behind the gateway's auth:
 * {@code POST /send_message}, {@code POST /broadcast_modbus_command}, {@code GET
 * /devices/connected}, {@code GET /devices/{session_id}/status}, and the open {@code GET
 * /devices/health}.
 */
public final class DeviceServerRoutes {
  public static final String SERVICE = "energetic_devices_websocket_server";
  private final SessionRoutes sessions;
  private final DeviceSessions local;
  private final Commands commands;

  public DeviceServerRoutes(SessionRoutes sessions, DeviceSessions local, Commands commands) {
    this.sessions = sessions;
    this.local = local;
    this.commands = commands;
  }

  /**
   * {@code {"session_token": "...", "data": {...}}}, or {@code ?session_token=} with the body as the
   * data (the device-server's proxy form).
   */
  public ApiResponse sendMessage(ApiRequest req) {
    JsonNode body = SessionRoutes.body(req);
    String id = req.query("session_token");
    JsonNode data = body;
    if (id == null) {
      if (body == null || !body.hasNonNull("session_token")) {
        throw new ApiException(400, "bad_request", "field 'session_token' (the device's session_id) is required");
      }
      id = body.get("session_token").asText();
      data = body.get("data");
    }
    if (data == null || data.isNull()) throw new ApiException(400, "bad_request", "field 'data' (the message for the device) is required");
    SendResult r = sessions.send(id, data, req.userEmail());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("detail", "Message sent");
    m.put("session_token", id);
    m.put("command_id", r.commandId());
    return ApiResponse.ok(m);
  }

  /** {@code ?hex_data=} as the device-server takes it, or a body {@code {"hex_command"}}; answers the device-server's JSON. */
  public ApiResponse broadcast(ApiRequest req) {
    String hex = req.query("hex_data");
    if (hex == null) {
      JsonNode body = SessionRoutes.body(req);
      if (body != null && body.hasNonNull("hex_command")) hex = body.get("hex_command").asText();
    }
    return ApiResponse.ok(SessionRoutes.broadcastAnswer(commands.broadcast(HexFrame.parse(hex), req.userEmail())));
  }

  /** {@code {"connected_devices": [session ids], "total": N}}, every node's. */
  public ApiResponse connected(ApiRequest req) {
    List<String> ids = sessions.listing().sessions().stream().map(SessionJson::sessionId).toList();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("connected_devices", ids);
    m.put("total", ids.size());
    return ApiResponse.ok(m);
  }

  /** {@code {"session_id", "connected", "node", ...}}; 200 with {@code connected: false} when not connected. */
  public ApiResponse status(ApiRequest req) {
    String id = req.path("session_id");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("session_id", id);
    var s = sessions.find(id);
    m.put("connected", s.isPresent());
    s.ifPresent(j -> {
      m.put("node", j.node());
      m.put("connected_at", j.connectedAt());
      m.put("last_message_at", j.lastMessageAt());
    });
    return ApiResponse.ok(m);
  }

  /** Open, like {@code /health}: {@code {"status": "healthy"|"degraded", "service", "connected_devices"}} (this node). */
  public Map<String, Object> health(boolean healthy) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", healthy ? "healthy" : "degraded");
    m.put("service", SERVICE);
    m.put("connected_devices", local.size());
    return m;
  }
}
