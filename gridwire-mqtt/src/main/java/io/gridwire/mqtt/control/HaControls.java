package io.gridwire.mqtt.control;

import io.gridwire.core.command.Command;
import io.gridwire.core.command.CommandLedger;
import io.gridwire.core.command.CommandRefused;
import io.gridwire.core.command.CommandRequest;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceFilter;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.core.log.RateLimitedLog;
import io.gridwire.mqtt.client.InboundMessage;
import io.gridwire.mqtt.client.MqttTransport;
import io.gridwire.mqtt.publish.DiscoveryMessage;
import io.gridwire.mqtt.publish.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Home Assistant controls (opt-in, {@code mqtt.ha_controls}; docs/mqtt.md): announces each
 * device's {@link ControlEntity}s, turns every message on a command topic into a ledger command
 * (requester {@value #REQUESTER}, validated again by the ledger like {@code POST /api/commands}),
 * and publishes the ledger state of each item's last command, retained.
 *
 * <pre>
 *  client thread ──▶ {@link #submit} ──▶ bounded queue ({@link #QUEUE_CAPACITY}) ──▶ one worker: {@link #accept} ──▶ ledger
 *                         └─ full: dropped, counted (queue_full), WARN
 * </pre>
 *
 * <p>Refused, and counted in {@code gridwire_mqtt_ha_commands_total{outcome}}: retained messages
 * (a stale command must not fire at every reconnect), payloads over {@link #MAX_PAYLOAD_BYTES},
 * unknown devices and items, values outside the entity's options or bounds ({@code out_of_range},
 * never sent to the ledger), what the ledger refuses (400/409), a full device queue
 * ({@code too_many}, the 429 of the API) and a full inbox ({@code queue_full}). Refusals are logged
 * at WARN, at most once a minute per outcome. Thread-safe; {@link #submit} never blocks, the
 * single worker keeps the commands in the order they arrived.
 */
public final class HaControls {
  private static final Logger log = LoggerFactory.getLogger(HaControls.class);
  /** Largest accepted command payload: a select option or {@code PRESS}. */
  public static final int MAX_PAYLOAD_BYTES = 256;
  /** Commands waiting for the worker; more are dropped (a slow store must not stall the MQTT client). */
  public static final int QUEUE_CAPACITY = 256;
  /** Who asked, in the ledger, for every command from Home Assistant. */
  public static final String REQUESTER = "home-assistant";

  private final MqttTransport transport;
  private final DeviceRegistry registry;
  private final ControlCatalog catalog;
  private final CommandLedger ledger;
  private final ControlCodec codec;
  private final ControlCounters counters;
  private final RateLimitedLog warnings = new RateLimitedLog(log, Clock.systemUTC(), Duration.ofMinutes(1));
  private final ControlInbox inbox;

  public HaControls(MqttTransport transport, DeviceRegistry registry, ControlCatalog catalog, CommandLedger ledger,
      ControlCodec codec, MeterRegistry meters) {
    this(transport, registry, catalog, ledger, codec, meters, QUEUE_CAPACITY);
  }

  HaControls(MqttTransport transport, DeviceRegistry registry, ControlCatalog catalog, CommandLedger ledger,
      ControlCodec codec, MeterRegistry meters, int queueCapacity) {
    this.transport = transport;
    this.registry = registry;
    this.catalog = catalog;
    this.ledger = ledger;
    this.codec = codec;
    this.counters = new ControlCounters(meters);
    this.inbox = new ControlInbox(queueCapacity, this::acceptQuietly, meters);
  }

  public ControlCodec codec() {
    return codec;
  }

  public ControlCounters counters() {
    return counters;
  }

  /** Announces the controls of every registered device (after a connect, on Home Assistant's birth). */
  public void announceAll() {
    for (Device d : registry.list(DeviceFilter.ALL)) announce(d);
  }

  /** Announces one device's controls (registry listener). */
  public void announce(Device d) {
    if (!transport.connected()) return;
    for (ControlEntity e : catalog.controls(d)) {
      DiscoveryMessage m = codec.config(d.id(), d, e);
      transport.publish(m.topic(), m.payload(), 1, true);
    }
  }

  /**
   * Queues one message on {@code {state}/+/command/+} for {@link #accept} on the worker; never
   * blocks (the MQTT client's thread). Retained and oversized messages are refused here; with
   * the queue full the message is dropped and counted ({@code queue_full}). Returns whether it
   * was queued.
   */
  public boolean submit(InboundMessage m) {
    if (refusedCheaply(m)) return false;
    if (inbox.offer(m)) return true;
    refuse("queue_full", m.topic(), inbox.capacity() + " Home Assistant commands already wait for the ledger (its store is slow "
        + "or down: check the store health and the log)");
    return false;
  }

  /** Commands queued and not yet handled. */
  public int queued() {
    return inbox.size();
  }

  /** Stops the worker; queued commands are dropped (Home Assistant shows no change and the user asks again). */
  public void close() {
    inbox.close();
  }

  private void acceptQuietly(InboundMessage m) {
    try {
      accept(m);
    } catch (RuntimeException e) {
      counters.outcome("failed").increment();
      log.warn("mqtt command on {} failed: {}; the ledger's store may be down (check GET /health)", m.topic(), e.toString(), e);
    }
  }

  /** Refuses (and counts) a retained or oversized message; true when it did. */
  private boolean refusedCheaply(InboundMessage m) {
    if (m.retained()) {
      refuse("retained", m.topic(), "a retained command is ignored; publish commands without retain");
      return true;
    }
    if (m.payload().length > MAX_PAYLOAD_BYTES) {
      refuse("too_large", m.topic(), m.payload().length + " bytes (at most " + MAX_PAYLOAD_BYTES + ")");
      return true;
    }
    return false;
  }

  /** One message on {@code {state}/+/command/+}: a ledger command, or a counted refusal. Blocks on the ledger's store. */
  public Optional<Command> accept(InboundMessage m) {
    if (refusedCheaply(m)) return Optional.empty();
    String[] levels = m.topic().substring(codec.topics().statePrefix().length() + 1).split("/", -1);
    if (levels.length != 3 || !levels[1].equals("command")) return refuse("unknown_topic", m.topic(), "not a command topic");
    Optional<Device> device = registry.list(DeviceFilter.ALL).stream()
        .filter(d -> Topics.topicSafe(d.id()).equals(levels[0])).findFirst();
    if (device.isEmpty()) return refuse("unknown_device", m.topic(), "no device " + levels[0]);
    Optional<ControlEntity> entity = catalog.controls(device.get()).stream()
        .filter(e -> e.item().equals(levels[2])).findFirst();
    if (entity.isEmpty()) {
      return refuse("unknown_item", m.topic(), "device " + device.get().id() + " has no control '" + levels[2] + "' (controls: "
          + catalog.controls(device.get()).stream().map(ControlEntity::item).toList() + ")");
    }
    String payload = new String(m.payload(), StandardCharsets.UTF_8).trim();
    String value;
    switch (entity.get().value(payload)) {
      case ControlEntity.Value.Ok ok -> value = ok.value();
      case ControlEntity.Value.OutOfRange bad -> {
        return refuse("out_of_range", m.topic(), device.get().id() + " " + entity.get().target() + ": " + bad.why());
      }
    }
    CommandRequest request = new CommandRequest(device.get().id(), entity.get().kind(), entity.get().target(), value, false,
        REQUESTER, null);
    try {
      Command c = ledger.submit(request);
      counters.outcome("accepted").increment();
      log.info("mqtt command from Home Assistant on {}: {} queued as command {}", m.topic(), c.describe(), c.id());
      return Optional.of(c);
    } catch (CommandRefused e) {
      return refuse(e.status() == 429 ? "too_many" : "refused", m.topic(), e.getMessage());
    }
  }

  private Optional<Command> refuse(String outcome, String topic, String why) {
    counters.outcome(outcome).increment();
    warnings.warn(outcome, n -> "mqtt command on " + topic + " refused (" + outcome + "): " + why + hint(outcome)
        + " [" + (n - 1) + " similar refusals since the last log]");
    return Optional.empty();
  }

  private String hint(String outcome) {
    return switch (outcome) {
      case "queue_full" -> "; the command was dropped, ask again once the store answers";
      case "out_of_range", "refused", "unknown_item", "unknown_device", "unknown_topic" ->
          "; send a value the entity offers (docs/mqtt.md, \"Controls\") and check who may publish on "
              + codec.commandFilter() + " (broker ACLs)";
      default -> "";
    };
  }

  /** A {@code command} event: publishes the state of the item's last command when it is a control's. */
  public void onEvent(Event e) {
    if (e.type() != EventType.COMMAND || e.deviceId() == null || !transport.connected()) return;
    Map<String, String> data = e.data();
    Optional<Device> device = registry.get(e.deviceId());
    if (device.isEmpty()) return;
    for (ControlEntity c : catalog.controls(device.get())) {
      if (!c.kind().equals(data.get("kind")) || !c.target().equalsIgnoreCase(data.get("target"))) continue;
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("command_id", Long.parseLong(data.getOrDefault("command_id", "0")));
      s.put("state", data.get("state"));
      if (data.containsKey("value")) s.put("value", data.get("value"));
      s.put("by", data.get("by"));
      s.put("at", e.time().toString());
      if (data.containsKey("detail")) s.put("detail", data.get("detail"));
      transport.publish(codec.commandStateTopic(device.get().id(), c.item()), ControlCodec.bytes(s), 1, true);
    }
  }

  /** Clears the retained configs and command states of a removed device's controls. */
  public void clear(Device d) {
    if (!transport.connected()) return;
    for (ControlEntity e : catalog.controls(d)) {
      transport.publish(codec.configTopic(d.id(), e), new byte[0], 1, true);
      transport.publish(codec.commandStateTopic(d.id(), e.item()), new byte[0], 1, true);
    }
  }
}
