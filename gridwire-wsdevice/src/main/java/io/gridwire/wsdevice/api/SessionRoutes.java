package io.gridwire.wsdevice.api;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.core.api.ApiException;
import io.gridwire.core.api.ApiRequest;
import io.gridwire.core.api.ApiResponse;
import io.gridwire.core.cluster.Cluster;
import io.gridwire.core.cluster.ClusterUnavailableException;
import io.gridwire.core.cluster.SessionEntry;
import io.gridwire.wsdevice.protocol.WireJson;
import io.gridwire.wsdevice.command.BroadcastResult;
import io.gridwire.wsdevice.command.Commands;
import io.gridwire.wsdevice.command.HexFrame;
import io.gridwire.wsdevice.command.SendResult;
import io.gridwire.wsdevice.session.DeviceSession;
import io.gridwire.wsdevice.session.DeviceSessions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Device sessions and commands: {@code GET /api/sessions}, {@code GET /api/sessions/{session_id}},
 * {@code POST /api/sessions/{session_id}/messages} (operator), {@code POST /api/modbus/broadcast}
 * (operator). With a cluster, lists cover every node and commands reach the node holding the session.
 * Mounted by the web server as {@link io.gridwire.core.api.ApiRoute}s (its auth, body bound and JSON).
 */
public final class SessionRoutes {
  private final DeviceSessions sessions;
  private final Commands commands;
  private final Cluster cluster;

  /** @param cluster the fleet, or null for a single node */
  public SessionRoutes(DeviceSessions sessions, Commands commands, Cluster cluster) {
    this.sessions = sessions;
    this.commands = commands;
    this.cluster = cluster;
  }

  /** The listing: every node's sessions, or only this node's when the directory is down. */
  public record Listing(List<SessionJson> sessions, boolean complete) {}

  public Listing listing() {
    Map<String, SessionJson> out = new LinkedHashMap<>();
    String node = commands.nodeId();
    for (DeviceSession s : sessions.all()) out.put(s.sessionId(), SessionJson.of(s, node));
    boolean complete = true;
    if (cluster != null) {
      try {
        for (SessionEntry e : cluster.directory().list()) {
          if (!e.nodeId().equals(cluster.nodeId())) out.putIfAbsent(e.sessionId(), SessionJson.of(e));
        }
      } catch (ClusterUnavailableException e) {
        complete = false;
      }
    }
    List<SessionJson> list = new ArrayList<>(out.values());
    list.sort(Comparator.comparing(SessionJson::sessionId));
    return new Listing(list, complete);
  }

  public ApiResponse list(ApiRequest req) {
    Listing l = listing();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("total", l.sessions().size());
    body.put("complete", l.complete());
    body.put("node", commands.nodeId());
    body.put("sessions", l.sessions());
    return ApiResponse.ok(body);
  }

  public ApiResponse one(ApiRequest req) {
    String id = req.path("session_id");
    return ApiResponse.ok(find(id).orElseThrow(() -> notConnected(id)));
  }

  /** The session, local or on another node. */
  public Optional<SessionJson> find(String id) {
    Optional<DeviceSession> local = sessions.get(id);
    if (local.isPresent()) return Optional.of(SessionJson.of(local.get(), commands.nodeId()));
    if (cluster == null) return Optional.empty();
    try {
      return cluster.directory().nodeOf(id).filter(n -> !n.equals(cluster.nodeId()))
          .map(n -> new SessionJson(id, id, n, false, null, null, null, null, null, null, null, null, null));
    } catch (ClusterUnavailableException e) {
      throw unavailable();
    }
  }

  /** Any JSON body, delivered to the device as a text frame. */
  public ApiResponse message(ApiRequest req) {
    String id = req.path("session_id");
    JsonNode payload = body(req);
    if (payload == null) throw new ApiException(400, "malformed_json", "request body must be JSON (the message for the device)");
    SendResult r = send(id, payload, req.userEmail());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("command_id", r.commandId());
    body.put("session_id", id);
    body.put("node", r.node());
    body.put("outcome", r.outcome().wireName());
    return ApiResponse.ok(body);
  }

  /** Sends and maps a failure to its status: 404 not connected, 502 write failed, 503 node unreachable. */
  public SendResult send(String id, JsonNode payload, String by) {
    SendResult r;
    try {
      r = commands.send(id, payload, by);
    } catch (ClusterUnavailableException e) {
      throw unavailable();
    }
    return switch (r.outcome()) {
      case DELIVERED -> r;
      case NOT_CONNECTED -> throw notConnected(id);
      case FAILED -> throw new ApiException(502, "delivery_failed", "command " + r.commandId() + " not delivered: " + r.detail());
      case UNREACHABLE -> throw new ApiException(503, "node_unreachable",
          "session " + id + " is held by node " + r.node() + ", which did not answer; command " + r.commandId());
    };
  }

  /** Body {@code {"hex_command": "..."}} (optional; default {@link HexFrame#DEFAULT}); answers the device-server's JSON. */
  public ApiResponse broadcast(ApiRequest req) {
    JsonNode body;
    try {
      body = body(req);
    } catch (ApiException e) {
      // A hex string past the JSON string bound (64 Ki characters) is a too-long hex command.
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        if (c instanceof StreamConstraintsException) throw HexFrame.tooLong();
      }
      throw e;
    }
    String hex = body != null && body.hasNonNull("hex_command") ? body.get("hex_command").asText() : null;
    if (hex == null) hex = req.query("hex_command");
    return ApiResponse.ok(broadcastAnswer(commands.broadcast(HexFrame.parse(hex), req.userEmail())));
  }

  /** Exactly the device-server's answer. */
  static Map<String, Object> broadcastAnswer(BroadcastResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("detail", "Modbus command broadcast complete");
    m.put("total_devices", r.total());
    m.put("sent_successfully", r.sent());
    m.put("failed", r.failed());
    m.put("hex_command", r.hex());
    return m;
  }

  /** The JSON body (already bounded by the web server), or null when empty. */
  static JsonNode body(ApiRequest req) {
    byte[] raw = req.body();
    if (raw.length == 0) return null;
    try {
      return WireJson.MAPPER.readTree(raw);
    } catch (Exception e) {
      ApiException bad = new ApiException(400, "malformed_json", "request body is not valid JSON");
      bad.initCause(e);
      throw bad;
    }
  }

  static ApiException notConnected(String id) {
    return new ApiException(404, "not_connected", "device session '" + id + "' is not connected");
  }

  static ApiException unavailable() {
    return new ApiException(503, "directory_unavailable",
        "the session directory (Redis) is unreachable; only this node's sessions can be reached now");
  }
}
