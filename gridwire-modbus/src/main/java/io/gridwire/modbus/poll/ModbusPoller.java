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
import io.gridwire.modbus.write.WriteExecutor;
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
 * mount {@link #routes()}, {@link #close()} at shutdown. Thread-safe.
 */
public final class ModbusPoller implements AutoCloseable {
  private final ModbusConfig config;
  private final Bus<Reading> readings;
  private final DeviceRegistry registry;
  private final MetricCatalog catalog;
  private final Clock clock;
  private final Map<String, DevicePoller> pollers = new LinkedHashMap<>();
  private final Map<String, ModbusTransport> transports;
  private final List<Thread> threads = new ArrayList<>();
  private final ProfileLibrary profiles;

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
    this.transports = transportFactory.create(config.devices());
    WriteExecutor writes = new WriteExecutor(events, clock);
    for (ModbusDeviceConfig d : config.devices()) {
      Profile p = profiles.get(d.profile());
      pollers.put(d.id(), new DevicePoller(d, p, transports.get(d.id()), readings, registry, clock, new PollStats(d.id(), meters), writes));
    }
  }

  /** Registers the devices and starts one virtual thread per device; first polls spread over one interval. */
  public synchronized void start() {
    if (!threads.isEmpty()) return;
    int n = pollers.size();
    int i = 0;
    Instant now = clock.instant();
    for (DevicePoller p : pollers.values()) {
      ModbusDeviceConfig d = p.config();
      String kind = d.kind() != null ? d.kind() : p.profile().kind();
      registry.register(new Device(d.id(), d.site(), kind, Source.MODBUS, p.profile().name(), null, d.name(), false, null, null,
          attributes(d, p.profile())));
      catalog.declare(d.id(), p.profile().metricInfos());
      catalog.declareAlarms(d.id(), p.profile().alarms());
      Instant first = now.plus(d.interval().multipliedBy(i++).dividedBy(Math.max(1, n)));
      threads.add(Thread.ofVirtual().name("modbus-" + d.id()).start(() -> p.loop(first)));
    }
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
    for (DevicePoller p : pollers.values()) p.stop();
    for (Thread t : threads) t.interrupt();
    for (ModbusTransport t : new HashSet<>(transports.values())) t.close();
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    for (Thread t : threads) {
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
    return Optional.ofNullable(pollers.get(deviceId)).map(DevicePoller::stats);
  }

  public List<PollStats> allStats() {
    return pollers.values().stream().map(DevicePoller::stats).toList();
  }

  /** The raw register image of a device polled here (for the Modbus server façade). */
  public Optional<RegisterImage> image(String deviceId) {
    return Optional.ofNullable(pollers.get(deviceId)).map(DevicePoller::image);
  }

  /**
   * Reads from a device polled here within its poll loop (see {@link DevicePoller#readThrough});
   * null when it is not polled here or already has its share of queued reads.
   */
  public java.util.concurrent.CompletableFuture<io.gridwire.modbus.codec.Outcome> readThrough(String deviceId,
      io.gridwire.modbus.codec.ModbusRequest request) {
    DevicePoller p = pollers.get(deviceId);
    return p == null ? null : p.readThrough(request);
  }

  /** Ids of the devices polled here, in configuration order. */
  public List<String> deviceIds() {
    return List.copyOf(pollers.keySet());
  }

  /**
   * Runs the profiles' named genset commands from {@code ledger} (kind {@code genset},
   * docs/commands.md) through the devices' poll loops. Closed with the poller.
   */
  public synchronized ModbusPoller commands(io.gridwire.core.command.CommandLedger ledger) {
    if (gensetCommands != null) throw new IllegalStateException("commands(ledger) was already called");
    gensetCommands = new io.gridwire.modbus.command.GensetCommands(ledger, this::writeTarget, readings, clock);
    ledger.register(gensetCommands);
    return this;
  }

  private io.gridwire.modbus.command.GensetCommands gensetCommands;

  /** The device accepting writes, if it is polled here. */
  public Optional<WriteTarget> writeTarget(String deviceId) {
    return Optional.ofNullable(pollers.get(deviceId));
  }

  /**
   * {@code GET /api/modbus/devices} (poll statistics of every device),
   * {@code GET /api/modbus/devices/{id}/stats}, {@code GET /api/modbus/profiles}, and
   * {@code POST /api/devices/{id}/modbus/write} (admin; see {@link WriteRoute}).
   */
  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.get("/api/modbus/devices", req -> ApiResponse.ok(pollers.values().stream().map(this::describe).toList())),
        ApiRoute.get("/api/modbus/devices/{id}/stats", req -> ApiResponse.ok(stats(req.path("id"))
            .orElseThrow(() -> ApiException.notFound("no Modbus device '" + req.path("id") + "'")).snapshot())),
        ApiRoute.get("/api/modbus/profiles", req -> ApiResponse.ok(profiles.names().stream().map(n -> ProfileSummary.of(profiles.get(n))).toList())),
        WriteRoute.create(this::writeTarget, config.devices().stream().map(d -> d.timeout().multipliedBy(3).plus(d.interval()))
            .max(Duration::compareTo).orElse(Duration.ofSeconds(10)).plusSeconds(5)));
  }

  private Map<String, Object> describe(DevicePoller p) {
    ModbusDeviceConfig d = p.config();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("device_id", d.id());
    m.put("profile", d.profile());
    m.put("transport", d.transport().wireName());
    if (d.transport() == TransportKind.TCP) m.put("client", d.client().wireName());
    m.put("endpoint", d.endpoint());
    m.put("unit_id", d.unitId());
    m.put("interval_ms", d.interval().toMillis());
    m.put("stats", p.stats().snapshot());
    return m;
  }
}
