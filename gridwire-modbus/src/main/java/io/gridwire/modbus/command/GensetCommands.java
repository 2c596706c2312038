package io.gridwire.modbus.command;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.bus.Subscription;
import io.gridwire.core.command.Command;
import io.gridwire.core.command.CommandHandler;
import io.gridwire.core.command.CommandLedger;
import io.gridwire.core.command.CommandRefused;
import io.gridwire.core.command.CommandRequest;
import io.gridwire.core.reading.Reading;
import io.gridwire.modbus.profile.CommandDef;
import io.gridwire.modbus.profile.DeviceCommands;
import io.gridwire.modbus.write.WriteTarget;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Named genset commands from the profile (kind {@code genset}, docs/commands.md): checked against
 * the profile's list and interlocks, then run one at a time per device by {@link PulseRun}: coils
 * pulsed, the write echo as {@code acknowledged}, the status registers as {@code applied} or
 * {@code failed}. Thread-safe.
 */
public final class GensetCommands implements CommandHandler, AutoCloseable {
  public static final String KIND = "genset";

  private final CommandLedger ledger;
  private final Function<String, Optional<WriteTarget>> targets;
  private final Clock clock;
  private final StatusView status;
  private final Subscription subscription;
  private final Map<String, ExecutorService> workers = new ConcurrentHashMap<>();

  public GensetCommands(CommandLedger ledger, Function<String, Optional<WriteTarget>> targets, Bus<Reading> readings,
      Clock clock) {
    this.ledger = ledger;
    this.targets = targets;
    this.clock = clock;
    this.status = new StatusView(this::commandsOf);
    this.subscription = readings.subscribe("genset-commands", SubscriberOptions.live().withMaxBytes(SubscriberOptions.STATE_BYTES), status::update);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public CommandRequest validate(CommandRequest r) {
    CommandDef def = definition(r.deviceId(), r.target());
    if (r.value() != null && !r.value().isBlank()) {
      throw CommandRefused.invalid("genset command '" + r.target() + "' takes no value");
    }
    String refusal = interlock(r.deviceId(), def);
    if (refusal != null && !(def.forceable() && r.force())) {
      throw CommandRefused.conflict(refusal + (def.forceable() ? " (an admin may force it)" : ""));
    }
    return r.normalised(def.name(), null);
  }

  @Override
  public void queued(Command c) {
    ExecutorService w = workers.computeIfAbsent(c.deviceId(),
        d -> Executors.newSingleThreadExecutor(Thread.ofVirtual().name("genset-commands-" + d).factory()));
    w.execute(() -> new PulseRun(ledger, clock, status, this).run(c.id()));
  }

  /** The profile's command, or a refusal naming the device's commands. */
  CommandDef definition(String deviceId, String name) {
    DeviceCommands commands = targets.apply(deviceId).map(t -> t.profile().commands())
        .orElseThrow(() -> new CommandRefused(404, "no Modbus device '" + deviceId + "' is polled here"));
    if (commands.list().isEmpty()) throw CommandRefused.invalid("the profile of '" + deviceId + "' defines no commands");
    return commands.find(name).orElseThrow(() -> CommandRefused.invalid("unknown genset command '" + name
        + "' for " + deviceId + " (allowed: " + String.join(", ", commands.names()) + ")"));
  }

  DeviceCommands commandsOf(String deviceId) {
    return targets.apply(deviceId).map(t -> t.profile().commands()).orElse(DeviceCommands.NONE);
  }

  Optional<WriteTarget> target(String deviceId) {
    return targets.apply(deviceId);
  }

  /** Why the interlock refuses {@code def} now, with the status that says so; null when it allows it. */
  String interlock(String deviceId, CommandDef def) {
    if (!def.interlocked()) return null;
    Set<String> metrics = new LinkedHashSet<>(def.require().keySet());
    metrics.addAll(def.refuseWhen().keySet());
    List<String> unknown = metrics.stream().filter(m -> status.get(deviceId, m) == null).toList();
    if (!unknown.isEmpty()) return "interlock: the status of " + deviceId + " is not read yet (" + String.join(", ", unknown) + ")";
    List<String> bad = status.matching(deviceId, def.refuseWhen());
    boolean required = status.holds(deviceId, def.require(), java.time.Instant.EPOCH);
    if (bad.isEmpty() && required) return null;
    return "interlock: " + def.interlockReason() + "; status: " + status.describe(deviceId, metrics);
  }

  @Override
  public void close() {
    subscription.close();
    workers.values().forEach(ExecutorService::shutdownNow);
  }
}
