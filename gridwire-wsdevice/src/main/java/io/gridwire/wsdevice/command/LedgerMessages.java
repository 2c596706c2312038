package io.gridwire.wsdevice.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.core.command.Command;
import io.gridwire.core.command.CommandHandler;
import io.gridwire.core.command.CommandLedger;
import io.gridwire.core.command.CommandRefused;
import io.gridwire.core.command.CommandRequest;
import io.gridwire.core.command.CommandState;
import io.gridwire.wsdevice.protocol.WireJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebSocket device messages through the command ledger (kind {@code ws_message}, target
 * {@code message}, value a JSON object; docs/commands.md). A queued message goes to the device's
 * session when it is connected (else it waits, retried every few seconds, until its ttl); the
 * device's reply carrying the {@code command_id} is the evidence: {@code applied}, or
 * {@code rejected} when it says {@code "result": "error"} or carries an {@code error}.
 * Thread-safe.
 */
public final class LedgerMessages implements CommandHandler, AutoCloseable {
  public static final String KIND = "ws_message";
  private static final Logger log = LoggerFactory.getLogger(LedgerMessages.class);
  /** The {@code command_id} a ledger message carries: {@code ledger-<id>}. */
  public static final String ID_PREFIX = "ledger-";

  private final Commands commands;
  private final CommandLedger ledger;
  private final int maxBytes;
  private final ScheduledExecutorService worker;

  /**
   * @param maxBytes largest message accepted, UTF-8 bytes
   * @param retryEvery how often queued messages to sessions not connected are tried again
   */
  public LedgerMessages(Commands commands, CommandLedger ledger, int maxBytes, Duration retryEvery) {
    this.commands = commands;
    this.ledger = ledger;
    this.maxBytes = maxBytes;
    this.worker = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("ws-ledger-messages").factory());
    commands.onAnswer(this::answered);
    worker.scheduleWithFixedDelay(this::retryQueued, retryEvery.toMillis(), retryEvery.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public CommandRequest validate(CommandRequest r) {
    if (!r.target().equals("message")) throw CommandRefused.invalid("ws_message target must be 'message', was '" + r.target() + "'");
    if (r.value() == null || r.value().getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      throw CommandRefused.invalid("ws_message value must be a JSON object of at most " + maxBytes + " bytes");
    }
    try {
      JsonNode n = WireJson.MAPPER.readTree(r.value());
      if (n == null || !n.isObject()) throw CommandRefused.invalid("ws_message value must be a JSON object");
      return r.normalised("message", n.toString());
    } catch (java.io.IOException e) {
      throw CommandRefused.invalid("ws_message value is not JSON: " + e.getMessage());
    }
  }

  @Override
  public void queued(Command c) {
    worker.execute(() -> deliver(c.id()));
  }

  private void retryQueued() {
    try {
      for (Command c : ledger.openOf(KIND)) if (c.state() == CommandState.QUEUED) deliver(c.id());
    } catch (RuntimeException e) {
      log.warn("ledger WebSocket messages: retry failed ({}); tried again shortly", e.getMessage());
    }
  }

  private void deliver(long id) {
    ledger.expireDue();
    Command c = ledger.find(id).filter(x -> x.state() == CommandState.QUEUED).orElse(null);
    if (c == null) return;
    com.fasterxml.jackson.databind.node.ObjectNode payload = (com.fasterxml.jackson.databind.node.ObjectNode) parse(c.value());
    payload.put("command_id", ID_PREFIX + id); // the device echoes it: known before the reply can come
    SendResult r = commands.send(c.deviceId(), payload, c.requestedBy());
    if (r.outcome() != SendOutcome.DELIVERED) {
      log.debug("ledger message {} to {} waits: {} {}", id, c.deviceId(), r.outcome().wireName(), r.detail());
      return;
    }
    sent(id, payload.toString());
  }

  /** Marks {@code sent} once (the reply may have come first). */
  private synchronized void sent(long id, String evidence) {
    if (ledger.find(id).map(x -> x.state() == CommandState.QUEUED).orElse(false)) {
      ledger.transition(id, CommandState.SENT, evidence, "delivered to the session");
    }
  }

  private boolean answered(String sessionId, String commandId, String reply) {
    if (!commandId.startsWith(ID_PREFIX)) return false;
    long id;
    try {
      id = Long.parseLong(commandId.substring(ID_PREFIX.length()));
    } catch (NumberFormatException e) {
      return false;
    }
    Command c = ledger.find(id).orElse(null);
    if (c == null || !c.kind().equals(KIND) || !c.deviceId().equals(sessionId) || c.state().terminal()) return false;
    sent(id, c.value());
    boolean refused = refused(reply);
    ledger.transition(id, refused ? CommandState.REJECTED : CommandState.APPLIED, reply,
        refused ? "the device answered with an error" : "the device answered");
    return true;
  }

  private static boolean refused(String reply) {
    try {
      JsonNode n = WireJson.MAPPER.readTree(reply);
      return n != null && (n.has("error") || "error".equalsIgnoreCase(n.path("result").asText()));
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static JsonNode parse(String json) {
    try {
      return WireJson.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a validated message no longer parses", e);
    }
  }

  @Override
  public void close() {
    commands.onAnswer(null);
    worker.shutdownNow();
  }
}
