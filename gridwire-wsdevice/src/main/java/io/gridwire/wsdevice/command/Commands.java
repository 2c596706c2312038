package io.gridwire.wsdevice.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.cluster.Cluster;
import io.gridwire.core.cluster.ClusterUnavailableException;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.wsdevice.config.DeviceConfig;
import io.gridwire.wsdevice.protocol.WireJson;
import io.gridwire.wsdevice.session.DeviceSession;
import io.gridwire.wsdevice.session.CommandLink;
import io.gridwire.wsdevice.session.DeviceSessions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Commands to device sessions: to one session (any JSON) or a raw frame to every session of every
 * node. A session on another node is reached through the {@link Cluster} (the node that holds it
 * writes the frame and records the event). Every command gets an id and a {@code command_sent}
 * event with its outcome; a device message carrying {@code command_id} becomes
 * {@code command_answered}. Thread-safe; blocking (waits for the write, at most the send timeout).
 */
public final class Commands implements CommandLink {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final DeviceSessions sessions;
  private final Cluster cluster;
  private final Bus<Event> events;
  private final Clock clock;
  private final DeviceConfig config;
  private final PendingCommands pending;

  /** @param cluster the fleet, or null for a single node */
  public Commands(DeviceSessions sessions, Cluster cluster, Bus<Event> events, Clock clock, DeviceConfig config) {
    this.sessions = sessions;
    this.cluster = cluster;
    this.events = events;
    this.clock = clock;
    this.config = config;
    this.pending = new PendingCommands(10_000);
  }

  public static String newId() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return "c-" + HexFormat.of().formatHex(b);
  }

  /** This node's id, or null without a cluster. */
  public String nodeId() {
    return cluster == null ? null : cluster.nodeId();
  }

  /**
   * Sends {@code payload} to the session wherever it is connected.
   *
   * @throws ClusterUnavailableException when the session is not local and the directory is down
   */
  public SendResult send(String sessionId, JsonNode payload, String by) {
    String id = newId();
    // A session being closed (replaced on another node) no longer counts as local.
    Optional<DeviceSession> local = sessions.get(sessionId).filter(DeviceSession::isOpen);
    if (local.isPresent()) return deliver(local.get(), id, payload.toString(), by, nodeId());
    if (cluster == null) return new SendResult(id, sessionId, null, SendOutcome.NOT_CONNECTED, "session is not connected");
    Optional<String> node = cluster.directory().nodeOf(sessionId);
    if (node.isEmpty() || node.get().equals(cluster.nodeId())) {
      return new SendResult(id, sessionId, null, SendOutcome.NOT_CONNECTED, "session is not connected");
    }
    NodeMessage.Request req = new NodeMessage.Request("send", id, sessionId, payload.toString(), null, by,
        cluster.nodeId(), null);
    NodeMessage.Answer a = ask(node.get(), req);
    if (a == null) return new SendResult(id, sessionId, node.get(), SendOutcome.UNREACHABLE, "node " + node.get() + " did not answer");
    return new SendResult(id, sessionId, node.get(), SendOutcome.fromWire(a.outcome()), a.detail());
  }

  /** Writes the command to a local session and records it. */
  SendResult deliver(DeviceSession s, String id, String payload, String by, String requestedOn) {
    String text = withCommandId(payload, id);
    SendOutcome outcome;
    String detail = null;
    try {
      s.sendText(text, config.sendTimeout()).get(config.sendTimeout().toMillis() + 100, TimeUnit.MILLISECONDS);
      outcome = SendOutcome.DELIVERED;
      pending.put(id, s.sessionId());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = SendOutcome.FAILED;
      detail = "interrupted";
    } catch (Exception e) {
      outcome = SendOutcome.FAILED;
      detail = "write failed: " + rootMessage(e);
    }
    sent(s.sessionId(), id, outcome, detail, by, requestedOn, "message");
    return new SendResult(id, s.sessionId(), nodeId(), outcome, detail);
  }

  private String withCommandId(String payload, String id) {
    if (!config.injectCommandId()) return payload;
    try {
      JsonNode n = WireJson.MAPPER.readTree(payload);
      if (n instanceof ObjectNode o && !o.has("command_id")) {
        o.put("command_id", id);
        return o.toString();
      }
    } catch (Exception ignored) {
      // not JSON: sent as given
    }
    return payload;
  }

  private void sent(String sessionId, String id, SendOutcome outcome, String detail, String by, String requestedOn,
      String kind) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("command_id", id);
    data.put("kind", kind);
    data.put("outcome", outcome.wireName());
    if (detail != null) data.put("detail", detail);
    if (by != null) data.put("by", by);
    if (nodeId() != null) data.put("node", nodeId());
    if (requestedOn != null) data.put("requested_on", requestedOn);
    events.publish(new Event(clock.instant(), sessionId, EventType.COMMAND_SENT,
        kind + " " + id + " to " + sessionId + ": " + outcome.wireName(), data));
  }

  /** Told of every device reply that carries a {@code command_id}. */
  @FunctionalInterface
  public interface AnswerListener {
    /** @return true when the reply answered one of the listener's commands */
    boolean answered(String sessionId, String commandId, String reply);
  }

  private volatile AnswerListener answerListener;

  /** Sets the one listener of device replies (the command ledger's WebSocket messages). */
  public void onAnswer(AnswerListener listener) {
    this.answerListener = listener;
  }

  /** A device's message carrying {@code command_id}: links it to the command as an event. */
  @Override
  public void answered(String sessionId, String commandId, String reply) {
    AnswerListener l = answerListener;
    boolean ledger = l != null && l.answered(sessionId, commandId, reply);
    boolean linked = pending.remove(commandId, sessionId) || ledger;
    Map<String, String> data = new LinkedHashMap<>();
    data.put("command_id", commandId);
    data.put("linked", Boolean.toString(linked));
    data.put("reply", reply.length() > 1000 ? reply.substring(0, 1000) + "…" : reply);
    events.publish(new Event(clock.instant(), sessionId, EventType.COMMAND_ANSWERED,
        sessionId + " answered " + commandId + (linked ? "" : " (unknown or expired command)"), data));
  }

  /** Broadcasts a raw frame to every connected session of every reachable node. */
  public BroadcastResult broadcast(HexFrame frame, String by) {
    String id = newId();
    int[] local = broadcastLocal(frame, id, by, nodeId());
    int total = local[0];
    int sent = local[1];
    int failed = local[2];
    if (cluster != null) {
      for (Map.Entry<String, Integer> n : RemoteNodes.of(cluster).entrySet()) {
        NodeMessage.Answer a = ask(n.getKey(), new NodeMessage.Request("broadcast", id, null, null, frame.spaced(), by,
            cluster.nodeId(), null));
        if (a == null) {
          total += n.getValue();
          failed += n.getValue();
        } else {
          total += a.total();
          sent += a.sent();
          failed += a.failed();
        }
      }
    }
    return new BroadcastResult(id, total, sent, failed, frame.spaced());
  }

  int[] broadcastLocal(HexFrame frame, String id, String by, String requestedOn) {
    var all = sessions.all();
    var futures = new java.util.ArrayList<java.util.concurrent.CompletableFuture<Void>>(all.size());
    for (DeviceSession s : all) futures.add(s.sendBinary(frame.bytes(), config.sendTimeout()));
    int sent = 0;
    int failed = 0;
    for (int i = 0; i < all.size(); i++) {
      DeviceSession s = all.get(i);
      String detail = null;
      try {
        futures.get(i).get(config.sendTimeout().toMillis() + 100, TimeUnit.MILLISECONDS);
        sent++;
        s.commandSent(id);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        detail = "interrupted";
        failed++;
      } catch (Exception e) {
        detail = "write failed: " + rootMessage(e);
        failed++;
      }
      sent(s.sessionId(), id, detail == null ? SendOutcome.DELIVERED : SendOutcome.FAILED, detail, by, requestedOn, "modbus_broadcast");
    }
    return new int[] {all.size(), sent, failed};
  }

  private NodeMessage.Answer ask(String node, NodeMessage.Request req) {
    try {
      String answer = cluster.bus().request(node, WireJson.MAPPER.writeValueAsString(req))
          .get(config.sendTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
      return WireJson.MAPPER.readValue(answer, NodeMessage.Answer.class);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (Exception e) {
      return null;
    }
  }

  /** Serves a request from another node (see {@link NodeMessage}). */
  public String handle(String body) {
    try {
      NodeMessage.Request req = WireJson.MAPPER.readValue(body, NodeMessage.Request.class);
      NodeMessage.Answer a = switch (req.op()) {
        case "send" -> sessions.get(req.sessionId())
            .map(s -> deliver(s, req.commandId(), req.payload(), req.by(), req.from()))
            .map(r -> NodeMessage.Answer.of(r.outcome(), r.detail()))
            .orElse(NodeMessage.Answer.of(SendOutcome.NOT_CONNECTED, "session is not connected"));
        case "broadcast" -> {
          int[] n = broadcastLocal(HexFrame.parse(req.hex()), req.commandId(), req.by(), req.from());
          yield new NodeMessage.Answer(SendOutcome.DELIVERED.wireName(), null, n[0], n[1], n[2]);
        }
        case "close" -> {
          sessions.get(req.sessionId()).ifPresent(s -> s.close(1000, req.reason()));
          yield NodeMessage.Answer.of(SendOutcome.DELIVERED, null);
        }
        default -> NodeMessage.Answer.of(SendOutcome.FAILED, "unknown op " + req.op());
      };
      return WireJson.MAPPER.writeValueAsString(a);
    } catch (Exception e) {
      return "{\"outcome\":\"failed\",\"detail\":\"bad request\"}";
    }
  }

  /** Asks the node that held a session to close its copy (a newer connection took the id here). */
  @Override
  public void closeRemote(String node, String sessionId, String reason) {
    cluster.bus().request(node, toJson(new NodeMessage.Request("close", null, sessionId, null, null, null,
        cluster.nodeId(), reason)));
  }

  private static String toJson(Object o) {
    try {
      return WireJson.MAPPER.writeValueAsString(o);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t instanceof java.util.concurrent.TimeoutException ? "timed out" : String.valueOf(t.getMessage());
  }
}
