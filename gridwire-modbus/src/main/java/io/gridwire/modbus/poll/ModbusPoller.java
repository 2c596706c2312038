package io.gridwire.modbus.poll;

import io.gridwire.core.api.ApiException;
import io.gridwire.core.api.ApiResponse;
import io.gridwire.core.api.ApiRoute;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.device.Source;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.modbus.client.ModbusTransport;
import io.gridwire.modbus.profile.Profile;
import io.gridwire.modbus.profile.ProfileLibrary;
import io.gridwire.modbus.write.WriteRoute;
import io.gridwire.modbus.write.WriteTarget;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Modbus connector (SPEC §3.1): registers the configured devices, declares their metrics
 * from their profiles, and polls each on its own virtual thread. Construct, {@link #start()},
 * mount {@link #routes()}, {@link #close()} at shutdown. Devices can be added and removed while
 * it runs ({@link #add}, {@link #remove}): only that device's thread and connection start or stop
 * (a converter shared with other devices stays open). Thread-safe.
 */
public final class ModbusPoller implements AutoCloseable {
  private final ModbusConfig config;
  private final Bus<Reading> readings;
  private final DeviceRegistry registry;
  private final MetricCatalog catalog;
  private final Clock clock;
  /** The {@code origin} attribute of devices from the configuration file. */
  public static final String ORIGIN_FILE = "file";
  /** The {@code origin} attribute of devices added through the API. */
  public static final String ORIGIN_API = "api";
  private final Map<String, DevicePoller> pollers = new LinkedHashMap<>();
  private Duration skipUnchanged = Duration.ZERO;
  /** An immutable copy of {@link #pollers} after each change, for readers on hot paths (the server façade). */
  private volatile Map<String, DevicePoller> view = Map.of();
  private final Map<String, ModbusTransport> transports;
  private final Map<String, Thread> threads = new LinkedHashMap<>();
  private final Map<String, String> origins = new java.util.HashMap<>();
  private final ProfileLibrary profiles;
  private final TransportFactory transportFactory;
  private final MeterRegistry meters;
  private boolean started;

  /** Production wiring: sockets with {@code config.connectTimeout()}. */
  public ModbusPoller(ModbusConfig config, ProfileLibrary profiles, Bus<Reading> readings, Bus<Event> events,
      DeviceRegistry registry, MetricCatalog catalog, Clock clock, MeterRegistry meters) {
    this(config, profiles, readings, events, registry, catalog, clock, meters, TransportFactory.sockets(config.connectTimeout()));
  }

  /**
   * @throws io.gridwire.modbus.profile.ProfileException when a device names an unknown profile
   */
  public ModbusPoller(ModbusConfig config, ProfileLibrary profiles, Bus<Reading> readings, Bus<Event> events,
      DeviceRegistry registry, MetricCatalog catalog, Clock clock, MeterRegistry meters, TransportFactory transportFactory) {
    this.config = config;
    this.profiles = profiles;
    this.readings = readings;
    this.registry = registry;
    this.catalog = catalog;
    this.clock = clock;
    this.meters = meters;
    this.transportFactory = transportFactory;
    this.transports = new java.util.HashMap<>(transportFactory.create(config.devices()));
    for (ModbusDeviceConfig d : config.devices()) {
      Profile p = profiles.get(d.profile());
      pollers.put(d.id(), new DevicePoller(d, p, transports.get(d.id()), readings, registry, clock, new PollStats(d.id(), meters)));
      view = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pollers));
      origins.put(d.id(), ORIGIN_FILE);
    }
  }

  /**
   * Lets every device's poller leave a block whose registers did not change out of its reading
   * for up to {@code refresh} (see {@link DevicePoller#skipUnchangedBlocks}); zero (the default)
   * makes every reading whole. For a gateway that reports by exception: {@code refresh} must be
   * shorter than the sinks' shortest heartbeat.
   */
  public synchronized ModbusPoller skipUnchangedBlocks(Duration refresh) {
    if (refresh.isNegative()) throw new IllegalArgumentException("refresh must be ≥ 0: " + refresh);
    skipUnchanged = refresh;
    for (DevicePoller p : pollers.values()) p.skipUnchangedBlocks(refresh);
    return this;
  }

  /** Registers the devices and starts one virtual thread per device; first polls spread over one interval. */
  public synchronized void start() {
    if (started) return;
    started = true;
    int n = pollers.size();
    int i = 0;
    Instant now = clock.instant();
    for (DevicePoller p : pollers.values()) {
      Instant first = now.plus(p.config().interval().multipliedBy(i++).dividedBy(Math.max(1, n)));
      launch(p, first);
    }
  }

  private void launch(DevicePoller p, Instant first) {
    ModbusDeviceConfig d = p.config();
    String kind = d.kind() != null ? d.kind() : p.profile().kind();
    registry.register(new Device(d.id(), d.site(), kind, Source.MODBUS, p.profile().name(), null, d.name(), false, null, null,
        withOrigin(attributes(d, p.profile()), origins.getOrDefault(d.id(), ORIGIN_FILE))));
    catalog.declare(d.id(), p.profile().metricInfos());
    catalog.declareAlarms(d.id(), p.profile().alarms());
    p.skipUnchangedBlocks(skipUnchanged);
    threads.put(d.id(), Thread.ofVirtual().name("modbus-" + d.id()).start(() -> p.loop(first)));
  }

  /**
   * Starts polling one more device (registered with {@code origin}); its first poll is now. A
   * device behind an RTU converter already in use shares that converter's connection; any other
   * device gets a connection of its own. Nothing else is touched.
   *
   * @throws IllegalArgumentException when the id is already polled
   * @throws io.gridwire.modbus.profile.ProfileException when the profile is unknown
   */
  public synchronized void add(ModbusDeviceConfig d, String origin) {
    if (pollers.containsKey(d.id())) throw new IllegalArgumentException("Modbus device '" + d.id() + "' is already polled");
    Profile p = profiles.get(d.profile());
    ModbusTransport transport = sharedConverter(d);
    if (transport == null) transport = transportFactory.create(List.of(d)).get(d.id());
    transports.put(d.id(), transport);
    DevicePoller poller = new DevicePoller(d, p, transport, readings, registry, clock, new PollStats(d.id(), meters));
    pollers.put(d.id(), poller);
    view = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pollers));
    origins.put(d.id(), origin);
    if (started) launch(poller, clock.instant());
  }

  private ModbusTransport sharedConverter(ModbusDeviceConfig d) {
    if (d.transport() == TransportKind.TCP) return null;
    for (DevicePoller p : pollers.values()) {
      ModbusDeviceConfig o = p.config();
      if (o.transport() == TransportKind.TCP || !o.endpoint().equals(d.endpoint())) continue;
      if (!java.util.Objects.equals(o.serial(), d.serial()) || o.transport() != d.transport()) {
        throw new DeviceConfigException(d.id(), d.serial() != null ? "serial_port" : "host",
            d.endpoint() + " is used by device '" + o.id() + "' with other settings; devices on one line must agree");
      }
      return transports.get(o.id());
    }
    return null;
  }

  /**
   * Stops polling a device: its loop ends (a poll in progress finishes or is interrupted), and its
   * connection closes unless other devices share it. The registry entry stays (the caller decides).
   * Waits up to 2 s for the loop.
   *
   * @return the device's configuration, empty when it was not polled
   */
  public synchronized Optional<ModbusDeviceConfig> remove(String id) {
    DevicePoller p = pollers.remove(id);
    if (p == null) return Optional.empty();
    view = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pollers));
    origins.remove(id);
    p.stop();
    Thread t = threads.remove(id);
    if (t != null) t.interrupt();
    ModbusTransport transport = transports.remove(id);
    if (transport != null && !transports.containsValue(transport)) transport.close();
    if (t != null) {
      try {
        t.join(Duration.ofSeconds(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return Optional.of(p.config());
  }

  /** The device's configuration and origin ({@link #ORIGIN_FILE}, {@link #ORIGIN_API}), if polled here. */
  public synchronized Optional<ModbusDeviceConfig> device(String id) {
    return Optional.ofNullable(pollers.get(id)).map(DevicePoller::config);
  }

  /** {@link #ORIGIN_FILE} or {@link #ORIGIN_API}; null when not polled here. */
  public synchronized String origin(String id) {
    return origins.get(id);
  }

  /** Every polled device's configuration. */
  public synchronized List<ModbusDeviceConfig> devices() {
    return pollers.values().stream().map(DevicePoller::config).toList();
  }

  /** The profiles devices may use (built-ins, files, and those added at runtime). */
  public ProfileLibrary profiles() {
    return profiles;
  }

  private static Map<String, String> withOrigin(Map<String, String> a, String origin) {
    a.put("origin", origin);
    return a;
  }

  /** Where the device is reached, and its maker and model when the profile names them (Home Assistant's device block). */
  private static Map<String, String> attributes(ModbusDeviceConfig d, Profile profile) {
    Map<String, String> a = new java.util.LinkedHashMap<>();
    a.put("transport", d.transport().wireName());
    a.put("endpoint", d.endpoint());
    a.put("unit_id", String.valueOf(d.unitId()));
    if (profile.manufacturer() != null) a.put("manufacturer", profile.manufacturer());
    if (profile.model() != null) a.put("model", profile.model());
    return a;
  }

  /** Stops every loop, closes every connection, waits up to 2 s for the threads. */
  @Override
  public synchronized void close() {
    if (gensetCommands != null) gensetCommands.close();
    if (modbusWrites != null) modbusWrites.close();
    for (DevicePoller p : pollers.values()) p.stop();
    for (Thread t : threads.values()) t.interrupt();
    for (ModbusTransport t : new HashSet<>(transports.values())) t.close();
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    for (Thread t : threads.values()) {
      try {
        t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    threads.clear();
  }

  public Optional<PollStats> stats(String deviceId) {
    return Optional.ofNullable(view.get(deviceId)).map(DevicePoller::stats);
  }

  public synchronized List<PollStats> allStats() {
    return pollers.values().stream().map(DevicePoller::stats).toList();
  }

  /** The raw register image of a device polled here (for the Modbus server façade). */
  public Optional<RegisterImage> image(String deviceId) {
    return Optional.ofNullable(view.get(deviceId)).map(DevicePoller::image);
  }

  /**
   * Reads from a device polled here within its poll loop (see {@link DevicePoller#readThrough});
   * null when it is not polled here or already has its share of queued reads.
   */
  public java.util.concurrent.CompletableFuture<io.gridwire.modbus.codec.Outcome> readThrough(String deviceId,
      io.gridwire.modbus.codec.ModbusRequest request) {
    DevicePoller p = view.get(deviceId);
    return p == null ? null : p.readThrough(request);
  }

  /** Ids of the devices polled here, in configuration order. */
  public List<String> deviceIds() {
    return List.copyOf(view.keySet());
  }

  /**
   * Runs the profiles' named genset commands (kind {@code genset}) and raw writes (kind
   * {@code modbus_write}) from {@code ledger} (docs/commands.md) through the devices' poll loops,
   * and mounts the write route on it. Closed with the poller.
   */
  public synchronized ModbusPoller commands(io.gridwire.core.command.CommandLedger ledger) {
    if (gensetCommands != null) throw new IllegalStateException("commands(ledger) was already called");
    gensetCommands = new io.gridwire.modbus.command.GensetCommands(ledger, this::writeTarget, readings, clock);
    ledger.register(gensetCommands);
    modbusWrites = new io.gridwire.modbus.command.ModbusWrites(ledger, this::writeTarget);
    ledger.register(modbusWrites);
    this.ledger = ledger;
    return this;
  }

  private io.gridwire.modbus.command.GensetCommands gensetCommands;
  private io.gridwire.modbus.command.ModbusWrites modbusWrites;
  private io.gridwire.core.command.CommandLedger ledger;

  /** The ledger's handler of raw writes (kind {@code modbus_write}); empty before {@link #commands}. */
  public synchronized Optional<io.gridwire.modbus.command.ModbusWrites> modbusWrites() {
    return Optional.ofNullable(modbusWrites);
  }

  /** The command ledger given to {@link #commands}; empty before. */
  public synchronized Optional<io.gridwire.core.command.CommandLedger> ledger() {
    return Optional.ofNullable(ledger);
  }

  /** The device accepting writes, if it is polled here. */
  public Optional<WriteTarget> writeTarget(String deviceId) {
    return Optional.ofNullable(view.get(deviceId));
  }

  private synchronized List<DevicePoller> snapshot() {
    return List.copyOf(pollers.values());
  }

  /**
   * {@code GET /api/modbus/devices} (poll statistics of every device),
   * {@code GET /api/modbus/devices/{id}/stats}, {@code GET /api/modbus/profiles}, and, once
   * {@link #commands} gave the ledger, {@code POST /api/devices/{id}/modbus/write} (operator; a
   * ledger command, see {@link WriteRoute}).
   */
  public synchronized List<ApiRoute> routes() {
    List<ApiRoute> routes = new ArrayList<>(List.of(
        ApiRoute.get("/api/modbus/devices", req -> ApiResponse.ok(snapshot().stream().map(this::describe).toList())),
        ApiRoute.get("/api/modbus/devices/{id}/stats", req -> ApiResponse.ok(stats(req.path("id"))
            .orElseThrow(() -> ApiException.notFound("no Modbus device '" + req.path("id") + "'")).snapshot())),
        ApiRoute.get("/api/modbus/profiles", req -> ApiResponse.ok(profiles.names().stream().map(n -> ProfileSummary.of(profiles.get(n))).toList()))));
    if (ledger != null) {
      routes.add(WriteRoute.create(ledger, status -> meters.counter("gridwire.commands.refused", "status", Integer.toString(status))
          .increment()));
    }
    return List.copyOf(routes);
  }

  private Map<String, Object> describe(DevicePoller p) {
    ModbusDeviceConfig d = p.config();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("device_id", d.id());
    m.put("origin", origin(d.id()));
    m.put("profile", d.profile());
    m.put("transport", d.transport().wireName());
    m.put("endpoint", d.endpoint());
    m.put("unit_id", d.unitId());
    m.put("interval_ms", d.interval().toMillis());
    m.put("stats", p.stats().snapshot());
    return m;
  }
}
