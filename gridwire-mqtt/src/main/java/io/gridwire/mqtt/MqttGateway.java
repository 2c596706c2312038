package io.gridwire.mqtt;

import io.gridwire.core.api.ApiResponse;
import io.gridwire.core.admission.DeviceAdmission;
import io.gridwire.core.api.ApiRoute;
import io.gridwire.core.api.HealthCheck;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.retry.Backoff;
import io.gridwire.core.schedule.Scheduler;
import io.gridwire.core.topic.TopicFilter;
import io.gridwire.mqtt.client.BrokerUrl;
import io.gridwire.mqtt.client.ConnectionSettings;
import io.gridwire.mqtt.client.InboundMessage;
import io.gridwire.mqtt.client.MqttConnection;
import io.gridwire.mqtt.forward.RawForward;
import io.gridwire.mqtt.forward.RawForwarder;
import io.gridwire.mqtt.ingest.IngestCounters;
import io.gridwire.mqtt.ingest.MqttIngest;
import io.gridwire.mqtt.ingest.PayloadParser;
import io.gridwire.mqtt.ingest.PresenceTracker;
import io.gridwire.mqtt.ingest.TopicParser;
import io.gridwire.mqtt.publish.DiscoveryCodec;
import io.gridwire.mqtt.publish.MqttPublisher;
import io.gridwire.mqtt.publish.Topics;
import io.gridwire.mqtt.client.ClientDrops;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT connector: one permanent broker connection that ingests datalogger/gateway topics
 * (discovery and presence, SPEC §3.3) and publishes states, availability and Home Assistant
 * discovery (SPEC §4).
 *
 * <pre>
 *  broker ──▶ MqttConnection ──┬─ {site}/datalogger|gateway/... ─▶ MqttIngest ─▶ DeviceRegistry, Bus&lt;Reading&gt;
 *                              ├─ homeassistant/status ─────────▶ MqttPublisher.onHaStatus
 *                              └─ RawForward filters ───────────▶ listener(topic, payload)  (the app: cloud uplink)
 *  Bus&lt;Reading&gt; (COALESCE) + DeviceRegistry listener ─▶ MqttPublisher ─▶ MqttConnection ─▶ broker
 *  every sweepInterval: PresenceTracker.sweep ─▶ DeviceRegistry.offline
 * </pre>
 *
 * Lifecycle: construct, {@link #start()} (returns at once; connects and reconnects in the
 * background), {@link #close()}. With {@link MqttSettings#embedded()} the app first starts an
 * {@link io.gridwire.mqtt.broker.EmbeddedBroker} and passes {@code config.withBrokerUrl(broker.url())}.
 * A message reaches each consumer whose filters match its topic: one on a datalogger topic that
 * is also a forward topic is ingested and forwarded. Thread-safe.
 */
public final class MqttGateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MqttGateway.class);

  private final MqttSettings config;
  private final Bus<Reading> readings;
  private final Bus<Event> events;
  private final Clock clock;
  private final Topics topics;
  private final MqttConnection connection;
  private final MqttIngest ingest;
  private final DeviceAdmission admission;
  private final MqttPublisher publisher;
  private final RawForwarder forwarder;
  private final List<String> ingestFilters;
  private Scheduler scheduler;
  private Scheduler ownScheduler;
  private Scheduler.Task sweeper;
  private volatile boolean everConnected;
  private volatile boolean started;
  private Bus<Reading> publishFeed;
  private volatile io.gridwire.mqtt.control.HaControls controls;
  private volatile io.gridwire.core.bus.Subscription controlEvents;
  private final DeviceRegistry registry;
  private final MeterRegistry meters;

  /**
   * @param config connector configuration; its {@code brokerUrl} must be set
   * @param readings the reading bus: ingest publishes to it, the publisher subscribes to it
   * @param events the event bus: connection lost/restored notices
   * @param registry devices: discovery and presence write to it, availability follows it
   * @param catalog metric metadata: read for discovery, written for new MQTT metrics
   * @param clock time of presence and readings
   * @param meters counters of ingest and publishing
   */
  public MqttGateway(MqttSettings config, Bus<Reading> readings, Bus<Event> events, DeviceRegistry registry,
      MetricCatalog catalog, Clock clock, MeterRegistry meters) {
    this(config, readings, events, registry, catalog, clock, meters, RawForward.none());
  }

  /**
   * Like the other constructor, and also subscribes {@code forward}'s filters on the same
   * connection and hands their messages, raw, to its listener (payloads over
   * {@code maxPayloadBytes} are counted and not handed on).
   */
  public MqttGateway(MqttSettings config, Bus<Reading> readings, Bus<Event> events, DeviceRegistry registry,
      MetricCatalog catalog, Clock clock, MeterRegistry meters, RawForward forward) {
    this(config, readings, events, registry, catalog, clock, meters, forward, new DeviceAdmission(registry, null, clock));
  }

  /**
   * Like the other constructors; serial numbers pass {@code admission} (configured for
   * {@link io.gridwire.core.device.Source#MQTT} by the caller) before they become devices.
   */
  public MqttGateway(MqttSettings config, Bus<Reading> readings, Bus<Event> events, DeviceRegistry registry,
      MetricCatalog catalog, Clock clock, MeterRegistry meters, RawForward forward, DeviceAdmission admission) {
    if (config.embedded()) {
      throw new IllegalArgumentException("mqtt.brokerUrl is not set: start the embedded broker and pass its URL");
    }
    this.config = config;
    this.registry = registry;
    this.meters = meters;
    this.admission = admission;
    this.readings = readings;
    this.publishFeed = readings;
    this.events = events;
    this.clock = clock;
    this.topics = new Topics(config.statePrefix(), config.discoveryPrefix());
    BrokerUrl url = BrokerUrl.parse("mqtt.brokerUrl", config.brokerUrl());
    this.ingestFilters = config.ingest() ? TopicParser.filters(config.sites()) : List.of();
    this.forwarder = forward.enabled() ? new RawForwarder(forward, config.maxPayloadBytes(), meters) : null;
    this.connection = new MqttConnection(settings(config, url, topics, ingestFilters, forward), clock, this::dispatch);
    this.ingest = config.ingest()
        ? new MqttIngest(new PayloadParser(config.maxPayloadBytes(), config.maxJsonDepth()), readings, registry,
            catalog, new PresenceTracker(registry, config.heartbeatTimeout()), clock, new IngestCounters(meters),
            admission)
        : null;
    this.publisher = config.publish()
        ? new MqttPublisher(connection, registry, catalog,
            new DiscoveryCodec(topics, config.clientId(), version(), config.expireAfter()), config.maxInFlight(),
            config.retainState(), meters)
        : null;
    io.micrometer.core.instrument.FunctionCounter.builder("gridwire.mqtt.client.dropped", ClientDrops.shared(),
        ClientDrops::total).description("incoming messages the MQTT client dropped (queue full or no handler)")
        .register(meters);
  }

  /**
   * Runs the presence sweep on the app's shared scheduler. Call before {@link #start}; without
   * it (tests, tools) the gateway starts a one-thread scheduler of its own.
   */
  public synchronized MqttGateway scheduler(Scheduler shared) {
    if (started) throw new IllegalStateException("MQTT gateway already started");
    this.scheduler = java.util.Objects.requireNonNull(shared, "scheduler");
    return this;
  }

  private static ConnectionSettings settings(MqttSettings c, BrokerUrl url, Topics topics, List<String> ingestFilters,
      RawForward forward) {
    LinkedHashSet<String> filters = new LinkedHashSet<>(ingestFilters);
    if (c.publish()) filters.add(topics.haStatus());
    if (c.publish() && c.haControls()) filters.add(topics.statePrefix() + "/+/command/+");
    filters.addAll(forward.filters());
    return new ConnectionSettings(url, c.tls(), c.username(), c.password(), c.clientId(), c.keepAlive(),
        new Backoff(c.reconnectInitialDelay(), c.reconnectMaxDelay()), new ArrayList<>(filters), c.subscribeQos(),
        c.publish() ? topics.gatewayStatus() : null);
  }

  /**
   * The publisher reads {@code feed} instead of the ingest bus (report by exception: only the
   * values that changed). Call before {@link #start}.
   */
  public synchronized MqttGateway publishFrom(Bus<Reading> feed) {
    if (started) throw new IllegalStateException("MQTT gateway already started");
    this.publishFeed = java.util.Objects.requireNonNull(feed, "feed");
    return this;
  }

  /**
   * Publishes active alarms per device and the Home Assistant problem / active-alarms entities
   * (no-op when publishing is off). Call before {@link #start}.
   *
   * @param bitEntities whether each alarm bit also stays one Home Assistant entity
   */
  public void publishAlarms(io.gridwire.core.alarm.AlarmBook book, boolean bitEntities) {
    if (publisher == null) return;
    publisher.publishAlarms(book, bitEntities);
    publisher.publishAlarmEvents(events);
  }

  /**
   * Home Assistant controls (docs/mqtt.md, "Controls"): announces {@code catalog}'s entities and
   * turns messages on their command topics into {@code ledger} commands. No-op unless
   * {@code haControls} and {@code publish} are on. Call before {@link #start}.
   */
  public synchronized void haControls(io.gridwire.core.command.CommandLedger ledger,
      io.gridwire.mqtt.control.ControlCatalog catalog) {
    if (started) throw new IllegalStateException("MQTT gateway already started");
    if (!config.haControls() || publisher == null) return;
    controls = new io.gridwire.mqtt.control.HaControls(connection, registry, catalog, ledger,
        new io.gridwire.mqtt.control.ControlCodec(topics,
            new DiscoveryCodec(topics, config.clientId(), version(), config.expireAfter())), meters);
  }

  /** The Home Assistant controls, or null when they are off. */
  public io.gridwire.mqtt.control.HaControls controls() {
    return controls;
  }

  /** Starts publishing, the presence sweep and the connection. Returns at once. */
  public synchronized void start() {
    if (started) return;
    started = true;
    if (publisher != null) {
      publisher.start(publishFeed);
      connection.onConnected(publisher::onConnected);
    }
    io.gridwire.mqtt.control.HaControls c = controls;
    if (c != null) {
      connection.onConnected(c::announceAll);
      registry.addListener(d -> {
        if (registry.get(d.id()).isPresent()) c.announce(d);
        else c.clear(d);
      });
      controlEvents = events.subscribe("mqtt-ha-controls", io.gridwire.core.bus.SubscriberOptions.durable(1024), c::onEvent);
      log.info("mqtt Home Assistant controls on: commands accepted on {} (secure it with broker ACLs)",
          c.codec().commandFilter());
    }
    connection.onConnected(this::connectedNotice);
    if (ingest != null) {
      if (scheduler == null) scheduler = ownScheduler = new Scheduler("mqtt-presence", 1);
      // quick: marks devices offline in the registry, whose listeners must not block
      sweeper = scheduler.every("mqtt-presence", config.sweepInterval(), this::sweepPresence);
    }
    connection.start();
    log.info("mqtt connector started: broker {}, ingest {}, publish {}, forward {}", connection.broker(),
        config.ingest() ? (config.sites().isEmpty() ? "all sites" : config.sites()) : "off",
        config.publish() ? config.statePrefix() + "/…, " + config.discoveryPrefix() + "/…" : "off",
        forwarder == null ? "off" : forwarder.forward().filters());
  }

  /**
   * Routes one message to every consumer whose filters match (a persistent session may still
   * carry subscriptions of an older configuration: their messages match nothing and are ignored).
   */
  private void dispatch(InboundMessage m) {
    if (forwarder != null) forwarder.accept(m);
    io.gridwire.mqtt.control.HaControls c = controls;
    if (publisher != null && m.topic().equals(topics.haStatus())) {
      publisher.onHaStatus(m.payload());
      if (c != null && "online".equals(new String(m.payload(), java.nio.charset.StandardCharsets.UTF_8).trim())) {
        c.announceAll();
      }
    } else if (c != null && TopicFilter.matches(c.codec().commandFilter(), m.topic())) {
      c.submit(m); // never blocks: the ledger's store may be slow
    } else if (ingest != null && TopicFilter.matchesAny(ingestFilters, m.topic())) {
      ingest.accept(m);
    }
  }

  private void connectedNotice() {
    if (everConnected) {
      events.publish(Event.of(clock.instant(), null, EventType.NOTICE, "mqtt reconnected to " + connection.broker()));
    }
    everConnected = true;
  }

  /** Runs the presence sweep now (the scheduler does it every {@code sweepInterval}). */
  public List<String> sweepPresence() {
    return ingest == null ? List.of() : ingest.presence().sweep(clock.instant());
  }

  /** The connection state as the {@code mqtt} health check. */
  public HealthCheck.Status health() {
    return connection.health();
  }

  public HealthCheck healthCheck() {
    return this::health;
  }

  /** {@code GET /api/mqtt/status} (viewer): connection, counters of ingest and publishing. */
  public List<ApiRoute> routes() {
    return List.of(ApiRoute.get("/api/mqtt/status", req -> ApiResponse.ok(status())));
  }

  /** The status document of {@code GET /api/mqtt/status}. */
  public Map<String, Object> status() {
    Map<String, Object> s = new LinkedHashMap<>();
    HealthCheck.Status h = health();
    s.put("broker", connection.broker().toString());
    s.put("connected", h.ok());
    s.put("detail", h.detail());
    s.put("connects", connection.connects());
    if (ingest != null) {
      s.put("devices_alive", ingest.presence().alive());
      s.put("discovered", ingest.counters().discoveredCount());
      s.put("accepted", ingest.counters().acceptedByChannel());
      s.put("rejected", ingest.counters().rejectedByReason());
      s.put("admission", admission.counts(io.gridwire.core.device.Source.MQTT));
    }
    if (publisher != null) s.put("published_devices", publisher.knownDevices());
    if (forwarder != null) s.put("forward", forwarder.status());
    return s;
  }

  public MqttConnection connection() {
    return connection;
  }

  /** The publisher, or null when publishing is off. */
  public MqttPublisher publisher() {
    return publisher;
  }

  /** The ingest, or null when ingest is off. */
  public MqttIngest ingest() {
    return ingest;
  }

  /** Publishes the gateway's {@code offline}, disconnects cleanly, stops the sweep. Blocks up to ~5 s. */
  @Override
  public synchronized void close() {
    if (sweeper != null) sweeper.cancel();
    if (ownScheduler != null) ownScheduler.close();
    io.gridwire.core.bus.Subscription ce = controlEvents;
    if (ce != null) ce.close();
    io.gridwire.mqtt.control.HaControls hc = controls;
    if (hc != null) hc.close();
    if (publisher != null) {
      try {
        publisher.publishGatewayOffline().get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.debug("mqtt gateway offline not acknowledged: {}", e.toString());
      }
      publisher.close();
    }
    connection.close(Duration.ofSeconds(3));
  }

  /** Gridwire's version, as sent in Home Assistant's {@code origin}. */
  public static String version() {
    String v = MqttGateway.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0" : v;
  }
}
