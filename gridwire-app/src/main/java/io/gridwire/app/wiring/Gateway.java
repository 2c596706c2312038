package io.gridwire.app.wiring;

import io.gridwire.app.config.GridwireConfig;
import io.gridwire.app.demo.SyntheticDevice;
import io.gridwire.core.admission.AdmissionRoutes;
import io.gridwire.core.admission.DeviceAdmission;
import io.gridwire.core.alarm.AlarmBook;
import io.gridwire.core.api.ApiRoute;
import io.gridwire.core.api.HealthCheck;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.device.Source;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.InMemoryLatestValues;
import io.gridwire.core.reading.LatestValues;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.schedule.Scheduler;
import io.gridwire.modbus.poll.ModbusPoller;
import io.gridwire.modbus.profile.ProfileLibrary;
import io.gridwire.mqtt.MqttGateway;
import io.gridwire.mqtt.broker.BrokerCredentials;
import io.gridwire.mqtt.broker.EmbeddedBroker;
import io.gridwire.mqtt.forward.RawForward;
import io.gridwire.oig.proxy.OigProxy;
import io.gridwire.core.cluster.Cluster;
import io.gridwire.store.Storage;
import io.gridwire.store.redis.RedisCluster;
import io.gridwire.uplink.influx.InfluxExporter;
import io.gridwire.uplink.link.LinkRoutes;
import io.gridwire.uplink.ws.Uplink;
import io.gridwire.web.WebDependencies;
import io.gridwire.web.WebServer;
import io.gridwire.web.auth.FirstAdmin;
import io.gridwire.web.auth.UserAdmin;
import io.gridwire.wsdevice.WsDeviceDependencies;
import io.gridwire.wsdevice.WsDevices;
import io.gridwire.core.user.Role;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway: the only place adapters are constructed and connected.
 *
 * <pre>
 *  connectors ──▶ Bus&lt;Reading&gt; ──▶ latest values ──▶ REST /api/metrics
 *       │                    └──▶ ChangeFeeds (report by exception) ──▶ changes bus
 *       │                              ├──▶ history writer ──▶ SQLite / PostgreSQL
 *       │                              ├──▶ WebSocket hub ──▶ /ws/metrics
 *       │                              └──▶ MQTT publisher, uplink, InfluxDB, fleet
 *       └──▶ DeviceRegistry ──▶ Bus&lt;Event&gt; ──▶ event writer, WebSocket hub
 * </pre>
 *
 * Start order: storage, buses, web, connectors. Stop order is the reverse, so connectors stop
 * publishing before the writers flush.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  private final GridwireConfig config;
  private final Clock clock;
  private final Bus<Reading> readings;
  private final Bus<Event> events;
  private final DeviceRegistry registry;
  private final MetricCatalog catalog = new MetricCatalog();
  private final LatestValues latest = new InMemoryLatestValues();
  private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  /** The one timer for every component's housekeeping (README, Architecture); closed last. */
  private final Scheduler scheduler = new Scheduler("gridwire-scheduler", 2);
  private final List<ApiRoute> routes = new ArrayList<>();
  private final List<HealthCheck> healthChecks = new ArrayList<>();
  private Storage storage;
  private DeviceAdmission admission;
  private WebServer web;
  private WsDevices wsDevices;
  private OigProxy oig;
  private RedisCluster redis;
  private ModbusPoller modbus;
  private ModbusProvisioning provisioning;
  private EmbeddedBroker broker;
  private BrokerCredentials brokerCredentials;
  private MqttGateway mqtt;
  private Uplink uplink;
  private io.gridwire.rules.RuleEngine ruleEngine;
  private ChangeFeeds feeds;
  private AlarmBookWiring alarms;
  private CommandWiring commands;
  private io.gridwire.modbus.server.ModbusServer modbusServer;
  private boolean closed;
  private boolean drained;

  private Gateway(GridwireConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.readings = new Bus<>("readings", Reading::deviceId, Reading::estimatedBytes, Reading::merge);
    this.events = new Bus<>("events", e -> e.deviceId() == null ? "" : e.deviceId());
    this.registry = new DeviceRegistry(events, clock);
  }

  /** Starts everything the configuration enables. Blocking until the HTTP port is bound. */
  public static Gateway start(GridwireConfig config, Clock clock) {
    Gateway g = new Gateway(config, clock);
    try {
      g.startAll();
      return g;
    } catch (RuntimeException e) {
      g.close();
      throw e;
    }
  }

  private void startAll() {
    List<String> problems = ConfigCheck.problems(config);
    if (!problems.isEmpty()) {
      throw new io.gridwire.app.config.ConfigException("configuration has " + problems.size() + " error"
          + (problems.size() == 1 ? "" : "s") + " (gridwire config check lists them):\n  " + String.join("\n  ", problems));
    }
    resources.push(scheduler);
    resources.push(readings::close);
    resources.push(events::close);
    resources.push(io.gridwire.web.metrics.RuntimeMetrics.bind(meters, io.gridwire.app.cli.VersionCommand.version()));
    storage = Storage.open(config.storage().settings(java.nio.file.Path.of(config.node().dataDir())), clock, meters);
    resources.push(storage);
    healthChecks.add(storage.health());
    registry.restore(storage.devices().loadAll());
    admission = new DeviceAdmission(registry, storage.admission(), clock);
    admission.configure(Source.OIG, config.oig().admission());
    admission.configure(Source.MQTT, config.mqtt().admission());
    admission.configure(Source.WS, config.wsDevices().admission());
    AdmissionRoutes admissionRoutes = new AdmissionRoutes(admission);
    routes.addAll(admissionRoutes.routes());
    healthChecks.add(admissionRoutes.health());
    resources.push(new AdmissionMeters(admission, meters));
    readings.subscribe("latest", SubscriberOptions.live().withMaxBytes(SubscriberOptions.STATE_BYTES), latest::update);
    feeds = new ChangeFeeds(config.reportByException(), readings, events, catalog);
    resources.push(feeds);
    storage.startWriters(feeds.forSink(config.reportByException().historyHeartbeat()), events, registry, scheduler);
    alarms = new AlarmBookWiring(readings, events, registry, catalog, storage.alarms(), clock, config.alarms().clearHold(),
        scheduler);
    resources.push(alarms);
    AlarmBook book = alarms.book();
    io.micrometer.core.instrument.Gauge.builder("gridwire.alarms.active", book, AlarmBook::size)
        .description("active alarms now, all devices").register(meters);
    io.micrometer.core.instrument.FunctionCounter.builder("gridwire.alarms.refused", book, AlarmBook::refused)
        .description("new alarms refused: their device already held AlarmBook.MAX_ACTIVE_PER_DEVICE").register(meters);
    routes.addAll(alarms.routes());
    startAlarms();
    commands = new CommandWiring(storage.commands(), events, clock, config.commands(), meters, scheduler);
    resources.push(commands);
    routes.addAll(commands.routes());

    startConnectors();
    Cluster cluster = null;
    if (config.redis().enabled()) {
      redis = RedisCluster.start(config.redis(), io.gridwire.store.redis.RedisRuntime.of(config.node().id()), scheduler);
      resources.push(redis);
      cluster = redis.cluster();
      healthChecks.add(redis::health);
      log.info("fleet node {} through Redis {}", config.node().id(), config.redis());
    }
    startWsDevices(cluster);

    if (config.demo().synthetic()) {
      SyntheticDevice synthetic = new SyntheticDevice(readings, registry, catalog, clock,
          config.demo().syntheticInterval(), config.demo().syntheticDevices());
      synthetic.start();
      resources.push(synthetic);
    }
    // Every sink has its feed now: unchanged Modbus blocks may skip decoding until the shortest heartbeat nears.
    modbus.skipUnchangedBlocks(feeds.unchangedRefresh());
    log.info("gateway {} started: http port {}, storage {}, {} devices known", config.node().id(), web.port(),
        config.storage().kind(), registry.size());
    log.info("listening: {}", listeners());
  }

  /**
   * The WebSocket device connector, then the web server that mounts it: its session API as routes
   * behind the server's auth, {@code /ws/devices} as an endpoint with the device protocol's own
   * auth. The connector closes before the web server stops (devices hear 1001 "gateway stopping").
   */
  private void startWsDevices(Cluster cluster) {
    io.gridwire.wsdevice.config.DeviceConfig wsConfig = config.wsDevices().settings();
    io.gridwire.web.auth.DeviceLogin login = io.gridwire.web.auth.DeviceLogin.of(storage.users(), config.auth().bcryptCost(),
        clock, wsConfig.addressFailuresPerMinute(), wsConfig.accountFailuresPerMinute());
    wsDevices = new WsDevices(wsConfig, new WsDeviceDependencies(registry, readings, events, storage.users(), login,
        admission, meters, clock, cluster, () -> web != null && web.healthy()));
    routes.addAll(wsDevices.routes());
    try {
      web = new WebServer(config.http(), ConfigMapping.web(config), new WebDependencies(registry, latest, catalog,
          storage.history(), storage.events(), storage.users(), readings, events,
          feeds.forSink(config.reportByException().websocketHeartbeat()),
          feeds.forSink(config.reportByException().fleetHeartbeat()), feeds.buses(), meters, clock, routes, healthChecks,
          provisioning), cluster, List.of(wsDevices::mount)).scheduler(scheduler);
      web.start();
    } catch (RuntimeException e) {
      wsDevices.close();
      throw e;
    }
    resources.push(web);
    resources.push(wsDevices);
    io.gridwire.wsdevice.command.LedgerMessages messages = new io.gridwire.wsdevice.command.LedgerMessages(
        wsDevices.commands(), commands.ledger(), config.wsDevices().maxMessageBytes(), Duration.ofSeconds(2));
    commands.ledger().register(messages);
    resources.push(messages);
  }

  /**
   * Notifications first (they read alarm events from the bus), then the rules, which report to
   * the alarm book.
   */
  private void startAlarms() {
    List<AutoCloseable> started = new ArrayList<>();
    try {
      AlarmWiring.notifications(config, events, clock, started);
      ruleEngine = AlarmWiring.rules(config, readings, registry, catalog, alarms.book(), clock, started, routes, scheduler);
    } finally {
      started.forEach(resources::push);
    }
  }

  /** The Modbus TCP server façade over the poller's register images. */
  private void startModbusServer() {
    io.gridwire.modbus.server.ModbusServerConfig sc = config.modbus().server().settings();
    ModbusPoller poller = modbus;
    // Whitelisted writes go through the command ledger like every other command (docs/modbus.md).
    io.gridwire.modbus.server.ModbusServer.DeviceWrites writes = poller == null || poller.modbusWrites().isEmpty() ? null
        : new io.gridwire.modbus.command.FacadeWrites(commands.ledger(), poller.modbusWrites().get(), poller::writeTarget,
            sc.maxPendingWrites());
    io.gridwire.modbus.server.ModbusServer server = new io.gridwire.modbus.server.ModbusServer(sc,
        id -> poller == null ? java.util.Optional.empty() : poller.image(id), poller == null ? (d, r) -> null : poller::readThrough,
        writes, meters, clock).start();
    resources.push(server);
    modbusServer = server;
  }

  /** Connectors start before the web server so their routes and health checks are mounted. */
  private void startConnectors() {
    startLinks();
    startModbus();
    if (config.modbus().server().enabled()) startModbusServer();
    if (config.mqtt().enabled()) startMqtt();
    if (config.oig().enabled()) {
      var backfill = config.oig().backfill() ? QueueFiles.oigBackfill(dataDir(), config.oig()) : null;
      var capture = config.oig().capture() ? QueueFiles.oigCapture(dataDir()) : null;
      oig = new OigProxy(config.oig(), io.gridwire.oig.proxy.OigRuntime.DEFAULT, readings, events, registry, catalog, clock,
          capture, backfill, meters, admission)
          .commands(commands.ledger()).scheduler(scheduler);
      if (mqtt != null && config.mqtt().publish() && config.mqtt().oigLocalCompat()) oig.onTable(oigLocalPublisher());
      oig.start();
      resources.push(oig);
      routes.addAll(oig.routes());
      healthChecks.add(oig.health());
      log.info("OIG proxy on {}:{}, cloud {}:{}", config.oig().listenHost(), oig.port(), config.oig().cloudHost(),
          config.oig().cloudPort());
    }
  }

  /** Publishes box tables under the community OIG proxy's names (mqtt.oig_local_compat). */
  private io.gridwire.oig.compat.OigLocalPublisher oigLocalPublisher() {
    var transport = mqtt.connection();
    var compat = new io.gridwire.oig.compat.OigLocalPublisher((topic, payload, retain) -> transport.publish(topic, payload, 1,
        retain), config.mqtt().discoveryPrefix(), io.gridwire.mqtt.publish.Topics.deviceIdentifier(config.mqtt().clientId()),
        io.gridwire.mqtt.MqttGateway.version(), clock);
    registry.addListener(compat::deviceChanged);
    log.info("OIG local compatibility on: box tables also on oig_local/{box}/{table}/state with the community proxy's entity ids");
    return compat;
  }

  /**
   * The Modbus poller always runs (devices may be added through the API): the file's devices,
   * then this node's runtime devices from the store; user profiles from the store join the
   * library first.
   */
  private void startModbus() {
    io.gridwire.modbus.poll.ModbusConfig mc = config.modbus().settings();
    ProfileLibrary profiles = mc.profileFolder() == null ? ProfileLibrary.builtIns() : ProfileLibrary.load(mc.profileFolder());
    RuntimeProfiles runtimeProfiles = new RuntimeProfiles(profiles, storage.runtimeConfig(), clock);
    runtimeProfiles.refresh();
    modbus = new ModbusPoller(mc, profiles, readings, events, registry, catalog, clock, meters).commands(commands.ledger());
    modbus.start();
    resources.push(modbus);
    provisioning = new ModbusProvisioning(modbus, storage.runtimeConfig(), registry, latest, catalog, runtimeProfiles,
        config.node().id(), clock);
    int restored = provisioning.restore();
    routes.addAll(modbus.routes());
    routes.addAll(runtimeProfiles.routes());
    if (!mc.devices().isEmpty() || restored > 0) {
      log.info("Modbus poller: {} devices from the configuration file, {} added through the API", mc.devices().size(), restored);
    }
  }

  private void startLinks() {
    List<io.gridwire.uplink.link.Link> links = new ArrayList<>();
    if (config.uplink().enabled()) {
      var settings = config.uplink().settings(dataDir());
      uplink = new Uplink(settings, QueueFiles.uplink(settings), feeds.forSink(config.reportByException().uplinkHeartbeat()),
          events, clock, meters);
      uplink.start(scheduler);
      resources.push(uplink);
      links.add(uplink);
    }
    if (config.influx().enabled()) {
      var settings = config.influx().settings(dataDir());
      InfluxExporter influx = new InfluxExporter(settings, QueueFiles.influx(settings),
          feeds.forSink(config.reportByException().influxHeartbeat()), events,
          id -> registry.get(id).orElse(null), clock, meters);
      influx.start(scheduler);
      resources.push(influx);
      links.add(influx);
    }
    if (!links.isEmpty()) routes.addAll(new LinkRoutes(links).routes());
  }

  private void startMqtt() {
    String url = config.mqtt().brokerUrl();
    String user = config.mqtt().username();
    String password = config.mqtt().password();
    if (config.mqtt().embedded()) {
      brokerCredentials = BrokerCredentials.loadOrCreate(
          dataDir().resolve(BrokerCredentials.FILE_NAME));
      broker = new EmbeddedBroker(config.mqtt().embeddedBroker(brokerCredentials, System.getenv()));
      broker.start();
      resources.push(broker);
      url = broker.url();
      user = brokerCredentials.username();
      password = brokerCredentials.password();
    }
    // Raw MQTT messages on uplink.mqtt_topics go to the uplink; forwardMqtt only queues (bounded, drops counted).
    RawForward forward = uplink == null || config.uplink().mqttTopics().isEmpty() ? RawForward.none()
        : new RawForward(config.uplink().mqttTopics(), uplink::forwardMqtt);
    io.gridwire.mqtt.MqttSettings mc = config.mqtt().settings(url, user, password);
    mqtt = new MqttGateway(mc, readings, events, registry, catalog, clock, meters, forward, admission).scheduler(scheduler);
    mqtt.publishAlarms(alarms.book(), config.alarms().haBitEntities());
    mqtt.haControls(commands.ledger(), new HaControlCatalog(() -> modbus));
    mqtt.publishFrom(feeds.forSink(mqttHeartbeat(mc))).start();
    resources.push(mqtt);
    routes.addAll(mqtt.routes());
    healthChecks.add(mqtt.healthCheck());
  }

  /**
   * The MQTT heartbeat: its own key, else the common heartbeat but at most half of Home
   * Assistant's {@code expire_after}, so a flat device never turns unavailable there.
   */
  private Duration mqttHeartbeat(io.gridwire.mqtt.MqttSettings mc) {
    var rbe = config.reportByException();
    if (rbe.mqttHeartbeat() != null || mc.expireAfter().isZero()) return rbe.mqttHeartbeat();
    Duration half = mc.expireAfter().dividedBy(2);
    return rbe.heartbeat().isZero() || half.compareTo(rbe.heartbeat()) < 0 ? half : rbe.heartbeat();
  }

  /** The report-by-exception feeds (values in, values passed), for measurements and tests. */
  public List<io.gridwire.core.reading.ChangeFeed> changeFeeds() {
    return feeds == null ? List.of() : feeds.feeds();
  }

  /** The embedded MQTT broker, or null when an external broker (or no MQTT) is configured. */
  public EmbeddedBroker mqttBroker() {
    return broker;
  }

  /** The embedded broker's own account (see {@link BrokerCredentials#created()}), or null without one. */
  public BrokerCredentials mqttBrokerCredentials() {
    return brokerCredentials;
  }

  /** The MQTT connector, or null when MQTT is disabled. */
  public MqttGateway mqtt() {
    return mqtt;
  }

  /** The Modbus poller (devices from the file and the API). */
  public ModbusPoller modbus() {
    return modbus;
  }

  /** The OIG proxy, or null when disabled. */
  public OigProxy oig() {
    return oig;
  }

  /** The alarm rule engine (rules from the file and from the API). */
  public io.gridwire.rules.RuleEngine ruleEngine() {
    return ruleEngine;
  }

  /**
   * What listens where and how it authenticates, one entry per enabled listener, e.g.
   * {@code http 0.0.0.0:8080 (bearer token; /health open), oig 0.0.0.0:5710 (no auth: box protocol)}.
   */
  public String listeners() {
    return new Listeners(config).http(web.port())
        .oig(oig == null ? -1 : oig.port())
        .mqtt(broker == null ? null : broker.host(), broker == null ? -1 : broker.port(), broker == null ? null : broker.authSummary())
        .modbusServer(config.modbus().server().host(), modbusServer == null ? List.of() : modbusServer.ports(),
            config.modbus().server().devices().stream().mapToInt(d -> d.writable().size()).sum())
        .line();
  }

  public int httpPort() {
    return web.port();
  }

  /** The web server (authenticator, hub). */
  public WebServer web() {
    return web;
  }

  /** The WebSocket device connector (device sessions, commands to them). */
  public WsDevices wsDevices() {
    return wsDevices;
  }

  /** The command ledger (docs/commands.md). */
  public io.gridwire.core.command.CommandLedger commands() {
    return commands.ledger();
  }

  public Storage storage() {
    return storage;
  }

  /** The gate device ids from the network pass (OIG boxes, MQTT serial numbers). */
  /** {@code node.data_dir}: SQLite files, OIG capture, outboxes. */
  private java.nio.file.Path dataDir() {
    return java.nio.file.Path.of(config.node().dataDir());
  }

  public DeviceAdmission admission() {
    return admission;
  }

  public DeviceRegistry registry() {
    return registry;
  }

  public Bus<Reading> readings() {
    return readings;
  }

  public Bus<Event> events() {
    return events;
  }

  /** The configuration this gateway was started with. */
  public GridwireConfig config() {
    return config;
  }

  public MetricCatalog catalog() {
    return catalog;
  }

  /** The active-alarm list. */
  public AlarmBook alarms() {
    return alarms.book();
  }

  /**
   * Creates the first admin when no admin exists (see {@link UserAdmin#ensureFirstAdmin}); says so
   * at WARN when the gateway is left without one, and at INFO when the configured one was added
   * beside existing users.
   */
  public FirstAdmin ensureFirstAdmin(String email, String password) {
    FirstAdmin result = UserAccounts.userAdmin(storage, config, clock).ensureFirstAdmin(email, password);
    switch (result) {
      case FirstAdmin.NoAdmin n -> log.warn("no admin: {}", n.advice());
      case FirstAdmin.FromConfiguration f when f.besideUsers() -> log.info(
          "created admin {} from GRIDWIRE_ADMIN_EMAIL/GRIDWIRE_ADMIN_PASSWORD: users existed but none was an admin", f.email());
      default -> { }
    }
    return result;
  }

  /** Creates the user or resets its password (the demo's generated credentials). */
  public void setPassword(String email, String password, Role role) {
    UserAdmin admin = UserAccounts.userAdmin(storage, config, clock);
    if (storage.users().findByEmail(email).isPresent()) admin.setPassword(email, password);
    else admin.addUser(email, password, role);
  }

  /**
   * Stops connectors, drains the buses into storage, then closes storage and the web server, all
   * within {@link #STOP_BOUND} (SIGTERM must finish in 10 s: container and service managers kill
   * after that). History an overloaded node cannot write in time is dropped and counted.
   */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    long deadline = System.nanoTime() + STOP_BOUND.toNanos();
    while (!resources.isEmpty()) {
      AutoCloseable r = resources.pop();
      try {
        if ((r == storage || r == feeds) && !drained) drainBuses(deadline);
        if (r == storage) {
          // never less than MIN_FLUSH: a node stopping under load has the most buffered history
          storage.close(max(left(deadline).minus(AFTER_STORAGE), MIN_FLUSH));
        } else {
          r.close();
        }
      } catch (Exception e) {
        log.warn("while stopping {}: {}", r, e.toString());
      }
    }
    long overrun = System.nanoTime() - deadline;
    if (overrun > 0) log.warn("gateway stop took {} ms longer than {}", overrun / 1_000_000, STOP_BOUND);
    log.info("gateway stopped");
  }

  /**
   * The whole stop: connectors, bus drain, storage flush, web server. Below 10 s by the time a
   * history batch already in flight when the bound is reached may take on a loaded machine.
   */
  static final java.time.Duration STOP_BOUND = java.time.Duration.ofSeconds(6);
  /** Kept for what closes after storage (buses). */
  private static final java.time.Duration AFTER_STORAGE = java.time.Duration.ofMillis(500);

  /** The least time storage gets to write what it buffered, even when the drain used the bound. */
  private static final java.time.Duration MIN_FLUSH = java.time.Duration.ofMillis(2_500);

  private static java.time.Duration max(java.time.Duration a, java.time.Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static java.time.Duration left(long deadline) {
    return java.time.Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
  }

  /** Waits for the buses to hand their queues to storage, with at most a third of the time left. */
  private void drainBuses(long deadline) {
    drained = true;
    java.time.Duration share = left(deadline).dividedBy(3);
    try {
      if (!readings.awaitDrained(share) || (feeds != null && !feeds.drainAndStop(clock.instant(), share))
          || !events.awaitDrained(java.time.Duration.ofMillis(500))) {
        log.warn("buses not drained within the stop bound; storage flushes what reached it");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
