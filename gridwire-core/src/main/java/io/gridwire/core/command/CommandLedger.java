package io.gridwire.core.command;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.core.port.CommandStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one durable ledger of commands to devices (docs/commands.md). Every transition is written
 * to the {@link CommandStore} before it is published as a {@code command} event, so a restart
 * loses nothing. Commands of one device are delivered oldest first; each device holds at most
 * {@link LedgerConfig#maxOpenPerDevice} open commands. Thread-safe (one lock; commands are rare);
 * blocking on the store.
 */
public final class CommandLedger {
  private static final Logger log = LoggerFactory.getLogger(CommandLedger.class);

  private final CommandStore store;
  private final Bus<Event> events;
  private final Clock clock;
  private final LedgerConfig config;
  private final Map<String, CommandHandler> handlers = new LinkedHashMap<>();
  /** Open commands by id (ids rise, so iteration is oldest first); loaded from the store. */
  private final TreeMap<Long, Command> open = new TreeMap<>();
  /** Callers waiting for an open command to end, by id; emptied as each one ends. */
  private final Map<Long, CompletableFuture<Command>> endings = new HashMap<>();

  /** Loads the open commands from {@code store}. Blocking. */
  public CommandLedger(CommandStore store, Bus<Event> events, Clock clock, LedgerConfig config) {
    this.store = store;
    this.events = events;
    this.clock = clock;
    this.config = config;
    for (Command c : store.open()) open.put(c.id(), c);
    if (!open.isEmpty()) log.info("command ledger: {} open commands restored", open.size());
  }

  /**
   * Adds the handler of one kind. Its open commands are recovered: one sent before a restart and
   * not resendable fails; every queued one is handed to {@link CommandHandler#queued}.
   */
  public void register(CommandHandler handler) {
    List<Command> recovered = new ArrayList<>();
    synchronized (this) {
      if (handlers.putIfAbsent(handler.kind(), handler) != null) {
        throw new IllegalStateException("a handler for '" + handler.kind() + "' is already registered");
      }
      for (Command c : List.copyOf(open.values())) {
        if (!c.kind().equals(handler.kind())) continue;
        if (c.state() == CommandState.SENT && !handler.resendAfterRestart()) {
          move(c, CommandState.FAILED, "", "the gateway restarted before the device confirmed; check the device");
        } else if (c.state() == CommandState.QUEUED) {
          recovered.add(c);
        }
      }
    }
    recovered.forEach(handler::queued);
  }

  /** The kinds with a handler, in registration order. */
  public synchronized List<String> kinds() {
    return List.copyOf(handlers.keySet());
  }

  /**
   * Validates and queues a command.
   *
   * @throws CommandRefused 400 unknown kind / item / value out of range, 409 interlock, 429 queue full
   */
  public Command submit(CommandRequest request) {
    CommandHandler handler;
    synchronized (this) {
      handler = handlers.get(request.kind());
    }
    if (handler == null) throw CommandRefused.invalid("unknown command kind '" + request.kind() + "' (known: " + kinds() + ")");
    Duration ttl = request.ttl() == null ? config.defaultTtl() : request.ttl();
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(config.maxTtl()) > 0) {
      throw CommandRefused.invalid("ttl_s out of range: allowed 1.." + config.maxTtl().toSeconds() + " s");
    }
    CommandRequest valid = handler.validate(request);
    Command stored;
    synchronized (this) {
      expireDue();
      long pending = open.values().stream().filter(c -> c.deviceId().equals(valid.deviceId())).count();
      if (pending >= config.maxOpenPerDevice()) {
        throw new CommandRefused(429, "device " + valid.deviceId() + " already has " + pending
            + " open commands (commands.max_open_per_device=" + config.maxOpenPerDevice() + "); wait or cancel some");
      }
      Instant now = clock.instant();
      stored = store.insert(Command.queued(valid, now, now.plus(ttl)));
      open.put(stored.id(), stored);
      publish(stored, "");
    }
    handler.queued(stored);
    return stored;
  }

  /**
   * The oldest open command of {@code deviceId} and {@code kind} still to be delivered (queued, or
   * sent and not acknowledged: a retry). Commands past their ttl expire first.
   */
  public synchronized Optional<Command> next(String deviceId, String kind) {
    expireDue();
    return open.values().stream()
        .filter(c -> c.deviceId().equals(deviceId) && c.kind().equals(kind))
        .filter(c -> c.state() == CommandState.QUEUED || c.state() == CommandState.SENT)
        .findFirst();
  }

  /** The oldest open command of {@code deviceId} and {@code kind} matching {@code filter}. */
  public synchronized Optional<Command> findOpen(String deviceId, String kind, Predicate<Command> filter) {
    return open.values().stream()
        .filter(c -> c.deviceId().equals(deviceId) && c.kind().equals(kind))
        .filter(filter)
        .findFirst();
  }

  /** Every open command of {@code kind}, oldest first. */
  public synchronized List<Command> openOf(String kind) {
    return open.values().stream().filter(c -> c.kind().equals(kind)).toList();
  }

  /** Moves an open command to {@code to} with the device's {@code evidence}; null when it is no longer open. */
  public synchronized Command transition(long id, CommandState to, String evidence, String detail) {
    Command c = open.get(id);
    if (c == null) return null;
    return move(c, to, evidence, detail);
  }

  /**
   * Cancels a queued command.
   *
   * @throws CommandRefused 404 unknown id, 409 when it is no longer queued
   */
  public synchronized Command cancel(long id, String by) {
    Command c = open.get(id);
    if (c == null) {
      if (store.find(id).isEmpty()) throw new CommandRefused(404, "no command " + id);
      throw CommandRefused.conflict("command " + id + " has ended (" + store.find(id).get().state().wireName() + ")");
    }
    if (c.state() != CommandState.QUEUED) {
      throw CommandRefused.conflict("command " + id + " is " + c.state().wireName() + ": only a queued command can be cancelled");
    }
    return move(c, CommandState.CANCELLED, "cancelled by " + by, "cancelled by " + by);
  }

  /**
   * Expires queued and unacknowledged commands past their ttl; an acknowledged command with no
   * evidence of the change by then fails (the device took it but never reported it applied), so
   * it stops holding a place in the device's queue. Returns how many ended.
   */
  public synchronized int expireDue() {
    Instant now = clock.instant();
    int n = 0;
    for (Command c : List.copyOf(open.values())) {
      boolean waiting = c.state() == CommandState.QUEUED || c.state() == CommandState.SENT;
      if (c.state() == CommandState.ACKNOWLEDGED && now.isAfter(c.expiresAt())) {
        move(c, CommandState.FAILED, "", "acknowledged, but the device reported no change before " + c.expiresAt()
            + "; check the device");
        n++;
      } else if (waiting && now.isAfter(c.expiresAt())) {
        move(c, CommandState.EXPIRED, "", (c.state() == CommandState.QUEUED ? "not delivered" : "sent but not acknowledged")
            + " within its ttl (until " + c.expiresAt() + ")");
        n++;
      }
    }
    return n;
  }

  public Optional<Command> find(long id) {
    synchronized (this) {
      Command c = open.get(id);
      if (c != null) return Optional.of(c);
    }
    return store.find(id);
  }

  /**
   * Completes with the command once it has ended (applied, rejected, failed, expired or
   * cancelled); at once when it already has. Every command ends (its ttl bounds it), so a waiter
   * that gives up leaves nothing behind for long. Dependent actions must not block: they run on
   * the thread that ended the command.
   *
   * @throws CommandRefused 404 for an unknown id
   */
  public CompletableFuture<Command> ended(long id) {
    synchronized (this) {
      if (open.containsKey(id)) return endings.computeIfAbsent(id, k -> new CompletableFuture<>());
    }
    Command c = store.find(id).orElseThrow(() -> new CommandRefused(404, "no command " + id));
    return CompletableFuture.completedFuture(c);
  }

  public List<Command> list(CommandQuery query) {
    return store.list(query);
  }

  private Command move(Command c, CommandState to, String evidence, String detail) {
    Command next = c.moveTo(to, clock.instant(), evidence, detail);
    store.update(next);
    CompletableFuture<Command> ending = null;
    if (to.terminal()) {
      open.remove(c.id());
      ending = endings.remove(c.id());
    } else {
      open.put(c.id(), next);
    }
    publish(next, evidence);
    if (to == CommandState.REJECTED || to == CommandState.FAILED || to == CommandState.EXPIRED) {
      log.warn("command {} to {} ({}) {}: {}", c.id(), c.deviceId(), c.describe(), to.wireName(), next.detail());
    } else {
      log.info("command {} to {} ({}) {}", c.id(), c.deviceId(), c.describe(), to.wireName());
    }
    if (ending != null) ending.complete(next);
    return next;
  }

  private void publish(Command c, String evidence) {
    if (events == null) return;
    Map<String, String> data = new LinkedHashMap<>();
    data.put("command_id", Long.toString(c.id()));
    data.put("kind", c.kind());
    data.put("target", c.target());
    if (c.value() != null) data.put("value", c.value());
    data.put("state", c.state().wireName());
    data.put("by", c.requestedBy());
    if (!c.detail().isEmpty()) data.put("detail", c.detail());
    if (!evidence.isEmpty()) data.put("evidence", evidence);
    String msg = "command " + c.id() + " (" + c.describe() + ") " + c.state().wireName()
        + (c.detail().isEmpty() ? "" : ": " + c.detail());
    events.publish(new Event(clock.instant(), c.deviceId(), EventType.COMMAND, msg, data));
  }
}
