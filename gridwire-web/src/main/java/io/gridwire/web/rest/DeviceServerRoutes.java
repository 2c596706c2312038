package io.gridwire.web.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.core.api.ApiException;
import io.gridwire.web.auth.Principal;
import io.gridwire.web.command.Commands;
import io.gridwire.web.command.HexFrame;
import io.gridwire.web.command.SendResult;
import io.gridwire.web.ws.DeviceSessions;
import io.javalin.http.Context;
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
  public void sendMessage(Context ctx, Principal p) {
    JsonNode body = sessions.body(ctx);
    String id = ctx.queryParam("session_token");
    JsonNode data = body;
    if (id == null) {
      if (body == null || !body.hasNonNull("session_token")) {
        throw new ApiException(400, "bad_request", "field 'session_token' (the device's session_id) is required");
      }
      id = body.get("session_token").asText();
      data = body.get("data");
    }
    if (data == null || data.isNull()) throw new ApiException(400, "bad_request", "field 'data' (the message for the device) is required");
    SendResult r = sessions.send(id, data, p);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("detail", "Message sent");
    m.put("session_token", id);
    m.put("command_id", r.commandId());
    Responses.json(ctx, 200, m);
  }

  /** {@code ?hex_data=} as the device-server takes it, or a body {@code {"hex_command"}}; answers the device-server's JSON. */
  public void broadcast(Context ctx, Principal p) {
    String hex = ctx.queryParam("hex_data");
    if (hex == null) {
      JsonNode body = sessions.body(ctx);
      if (body != null && body.hasNonNull("hex_command")) hex = body.get("hex_command").asText();
    }
    Responses.json(ctx, 200, SessionRoutes.broadcastAnswer(commands.broadcast(HexFrame.parse(hex), p.user().email())));
  }

  /** {@code {"connected_devices": [session ids], "total": N}}, every node's. */
  public void connected(Context ctx, Principal p) {
    List<String> ids = sessions.listing().sessions().stream().map(SessionJson::sessionId).toList();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("connected_devices", ids);
    m.put("total", ids.size());
    Responses.json(ctx, 200, m);
  }

  /** {@code {"session_id", "connected", "node", ...}}; 200 with {@code connected: false} when not connected. */
  public void status(Context ctx, Principal p) {
    String id = ctx.pathParam("session_id");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("session_id", id);
    var s = sessions.find(id);
    m.put("connected", s.isPresent());
    s.ifPresent(j -> {
      m.put("node", j.node());
      m.put("connected_at", j.connectedAt());
      m.put("last_message_at", j.lastMessageAt());
    });
    Responses.json(ctx, 200, m);
  }

  /** Open, like {@code /health}: {@code {"status": "healthy"|"degraded", "service", "connected_devices"}} (this node). */
  public void health(Context ctx, boolean healthy) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", healthy ? "healthy" : "degraded");
    m.put("service", SERVICE);
    m.put("connected_devices", local.size());
    Responses.json(ctx, 200, m);
  }
}
