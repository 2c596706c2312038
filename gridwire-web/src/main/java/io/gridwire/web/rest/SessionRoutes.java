package io.gridwire.web.rest;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.core.api.ApiException;
import io.gridwire.core.cluster.Cluster;
import io.gridwire.core.cluster.ClusterUnavailableException;
import io.gridwire.core.cluster.SessionEntry;
import io.gridwire.web.Json;
import io.gridwire.web.auth.Principal;
import io.gridwire.web.command.BroadcastResult;
import io.gridwire.web.command.Commands;
import io.gridwire.web.command.HexFrame;
import io.gridwire.web.command.SendResult;
import io.gridwire.web.ws.DeviceSession;
import io.gridwire.web.ws.DeviceSessions;
import io.javalin.http.Context;
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
 */
public final class SessionRoutes {
  private final DeviceSessions sessions;
  private final Commands commands;
  private final Cluster cluster;
  private final long maxRequestBytes;

  public SessionRoutes(DeviceSessions sessions, Commands commands, Cluster cluster, long maxRequestBytes) {
    this.sessions = sessions;
    this.commands = commands;
    this.cluster = cluster;
    this.maxRequestBytes = maxRequestBytes;
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

  public void list(Context ctx, Principal p) {
    Listing l = listing();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("total", l.sessions().size());
    body.put("complete", l.complete());
    body.put("node", commands.nodeId());
    body.put("sessions", l.sessions());
    Responses.json(ctx, 200, body);
  }

  public void one(Context ctx, Principal p) {
    String id = ctx.pathParam("session_id");
    Responses.json(ctx, 200, find(id).orElseThrow(() -> notConnected(id)));
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
  public void message(Context ctx, Principal p) {
    String id = ctx.pathParam("session_id");
    JsonNode payload = body(ctx);
    if (payload == null) throw new ApiException(400, "malformed_json", "request body must be JSON (the message for the device)");
    SendResult r = send(id, payload, p);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("command_id", r.commandId());
    body.put("session_id", id);
    body.put("node", r.node());
    body.put("outcome", r.outcome().wireName());
    Responses.json(ctx, 200, body);
  }

  /** Sends and maps a failure to its status: 404 not connected, 502 write failed, 503 node unreachable. */
  public SendResult send(String id, JsonNode payload, Principal p) {
    SendResult r;
    try {
      r = commands.send(id, payload, p.user().email());
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
  public void broadcast(Context ctx, Principal p) {
    JsonNode body;
    try {
      body = body(ctx);
    } catch (ApiException e) {
      // A hex string past the JSON string bound (64 Ki characters) is a too-long hex command.
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        if (c instanceof StreamConstraintsException) throw HexFrame.tooLong();
      }
      throw e;
    }
    String hex = body != null && body.hasNonNull("hex_command") ? body.get("hex_command").asText() : null;
    if (hex == null) hex = ctx.queryParam("hex_command");
    Responses.json(ctx, 200, broadcastAnswer(commands.broadcast(HexFrame.parse(hex), p.user().email())));
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

  /** The JSON body, or null when empty. */
  JsonNode body(Context ctx) {
    byte[] raw = Bodies.read(ctx, maxRequestBytes);
    if (raw.length == 0) return null;
    try {
      return Json.MAPPER.readTree(raw);
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
