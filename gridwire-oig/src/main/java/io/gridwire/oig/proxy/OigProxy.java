package io.gridwire.oig.proxy;

import io.gridwire.core.admission.DeviceAdmission;
import io.gridwire.core.api.ApiRoute;
import io.gridwire.core.api.HealthCheck;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.command.CommandLedger;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.device.Source;
import io.gridwire.core.event.Event;
import io.gridwire.core.log.RateLimitedLog;
import io.gridwire.core.port.DurableQueue;
import io.gridwire.core.port.capture.CaptureStore;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.schedule.Scheduler;
import io.gridwire.oig.capture.CaptureWriter;
import io.gridwire.oig.field.OigFieldTable;
import io.gridwire.oig.field.ReadingMapper;
import io.gridwire.oig.setting.OigSettings;
import io.gridwire.oig.setting.SettingWhitelist;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OIG Box proxy (SPEC §3.2): listens for boxes, runs one {@link BoxSession} per connection,
 * publishes readings and events, captures frames and keeps backfill.
 *
 * <p>Threads: an accept thread admits connections and hands each to one of the {@link IoLoop}s
 * ({@link OigRuntime#ioLoops}, default one), which owns the box's and its cloud's channels from
 * then on; cloud connects and probes run on virtual threads, store calls on each session's
 * {@link SerialLane}, capture on the {@link CaptureWriter}'s thread.
 *
 * <p>Lifecycle: construct, {@link #start()} (binds; throws {@link UncheckedIOException} when the
 * port is taken), {@link #close()} (closes every session and the stores). Thread-safe.
 *
 * <p>Given a {@link MeterRegistry}, exports its statistics as {@code gridwire.oig.*} meters from
 * {@link #start()} to {@link #close()} ({@link ProxyMeters}); without one it keeps the same counts
 * and exports nothing.
 */
public final class OigProxy implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OigProxy.class);

  private final OigConfig config;
  private final OigRuntime runtime;
  private final Bus<Event> events;
  private final Clock clock;
  private final Telemetry telemetry;
  private final CaptureStore captureStore;
  private final DurableQueue backfill;
  private final Map<Long, BoxSession> sessions = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong();
  private final ProxyStats stats = new ProxyStats();
  private final MeterRegistry meterRegistry;
  private final DeviceAdmission admission;
  private ProxyMeters meters;
  private volatile ConnectionLimiter limiter;
  private Scheduler scheduler;
  private Scheduler ownScheduler;
  private Scheduler.Task purging;
  private List<IoLoop> loops = List.of();
  private CaptureWriter captureWriter;
  private ServerSocketChannel server;
  private ProxyContext ctx;
  private volatile ProxyHealth health;
  private volatile boolean closed;
  private OigSettings settings;

  /** A proxy over the given stores (either may be null to disable capture or backfill); no meters. */
  public OigProxy(OigConfig config, OigRuntime runtime, Bus<Reading> readings, Bus<Event> events, DeviceRegistry registry,
      MetricCatalog catalog, Clock clock, CaptureStore captureStore, DurableQueue backfill) {
    this(config, runtime, readings, events, registry, catalog, clock, captureStore, backfill, null, null);
  }

  /**
   * A proxy over the given stores (either may be null to disable capture or backfill; the wiring
   * opens both in the store module), exporting its meters to {@code meters} (null: none). Box ids pass {@code admission} (configured here
   * for {@link Source#OIG} from {@code config.admission()}); null: a gate of its own, in memory.
   */
  public OigProxy(OigConfig config, OigRuntime runtime, Bus<Reading> readings, Bus<Event> events, DeviceRegistry registry,
      MetricCatalog catalog, Clock clock, CaptureStore captureStore, DurableQueue backfill, MeterRegistry meters,
      DeviceAdmission admission) {
    this.admission = admission == null ? new DeviceAdmission(registry, null, clock) : admission;
    this.admission.configure(Source.OIG, config.admission());
    this.config = config;
    this.runtime = runtime;
    this.meterRegistry = meters;
    this.events = events;
    this.clock = clock;
    this.telemetry = new Telemetry(new ReadingMapper(OigFieldTable.standard(), config.boxZone()), readings, events,
        registry, catalog, this.admission);
    this.captureStore = config.capture() ? captureStore : null;
    this.backfill = config.backfill() ? backfill : null;
  }

  /**
   * Delivers OIG settings from {@code ledger} (kind {@code oig_setting}, docs/commands.md) on the
   * boxes' polls, in forward and offline mode. Call before {@link #start()}.
   */
  public synchronized OigProxy commands(CommandLedger ledger) {
    if (ctx != null) throw new IllegalStateException("commands(ledger) must be called before start()");
    settings = new OigSettings(ledger, SettingWhitelist.standard(), config.boxZone());
    ledger.register(settings);
    return this;
  }

  /**
   * Times capture retention and cloud probes on the app's shared scheduler. Call before
   * {@link #start()}; without it (tests, tools) the proxy starts a one-thread scheduler of its own.
   */
  public synchronized OigProxy scheduler(Scheduler shared) {
    if (ctx != null) throw new IllegalStateException("scheduler(shared) must be called before start()");
    scheduler = java.util.Objects.requireNonNull(shared, "scheduler");
    return this;
  }

  /**
   * Also hands every published table frame, under the Box's own field names, to {@code listener}
   * (on the proxy's I/O loop thread; it must not block). Call before {@link #start}.
   */
  public OigProxy onTable(java.util.function.Consumer<io.gridwire.oig.compat.TableFrame> listener) {
    telemetry.onTable(listener);
    return this;
  }

  /** Binds the listener and starts accepting boxes. */
  public synchronized OigProxy start() {
    try {
      server = ServerSocketChannel.open();
      server.socket().setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getByName(config.listenHost()), config.listenPort()), 1024);
    } catch (IOException e) {
      throw new UncheckedIOException("oig.listen_port " + config.listenPort() + ": cannot listen: " + e.getMessage(), e);
    }
    if (scheduler == null) scheduler = ownScheduler = new Scheduler("oig-scheduler", 1);
    if (captureStore != null) {
      captureWriter = new CaptureWriter(captureStore, runtime.captureMaxQueued());
      nextId.set(captureStore.maxConnectionId());
      purging = scheduler.everyBlocking("oig-capture-purge", Duration.ofMinutes(1), Duration.ofMinutes(60), this::purge);
    }
    limiter = new ConnectionLimiter(config.maxConnections(), config.maxConnectsPerMinute(), clock);
    Duration sweepEvery = DeadlineSweep.period(config);
    List<IoLoop> started = new ArrayList<>();
    for (int i = 0; i < runtime.ioLoops(); i++) started.add(new IoLoop("oig-io-" + i, new DeadlineSweep(clock), sweepEvery));
    loops = List.copyOf(started);
    CloudConnector connector = new CloudConnector(config, port());
    connector.checkSelfLoop();
    CaptureWriter cw = captureWriter;
    health = new ProxyHealth(config, runtime, clock, server::isOpen, sessions::size, () -> backfill == null ? 0 : backfill.stats().messages(),
        cw == null ? null : cw::dropped, backfill == null ? null : () -> backfill.stats().dropped());
    ctx = new ProxyContext(config, runtime, clock, connector, telemetry, stats, captureWriter, backfill, events, scheduler,
        new RateLimitedLog(log, clock, java.time.Duration.ofMinutes(1)), settings);
    if (meterRegistry != null) {
      meters = new ProxyMeters(meterRegistry, stats, sessions, limiter, backfill, captureWriter, telemetry);
    }
    Thread.ofPlatform().daemon().name("oig-accept").start(this::acceptLoop);
    log.info("OIG proxy listening on {}:{}, cloud {}:{}", config.listenHost(), port(), config.cloudHost(), config.cloudPort());
    return this;
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.socket().getLocalPort();
  }

  /** Snapshots of the open sessions, by id. */
  public List<SessionInfo> sessions() {
    List<SessionInfo> out = new ArrayList<>();
    for (BoxSession s : sessions.values()) out.add(s.info());
    out.sort(Comparator.comparing(SessionInfo::id));
    return out;
  }

  /** Connections refused by the limits since start. */
  public long refusedConnections() {
    ConnectionLimiter l = limiter;
    return l == null ? 0 : l.refusedAtCap() + l.refusedByRate();
  }

  public long publishedReadings() {
    return telemetry.published.get();
  }

  public long duplicateReadings() {
    return telemetry.duplicates.get();
  }

  /** The capture store, or null when capture is off. */
  public CaptureStore captureStore() {
    return captureStore;
  }

  /** The backfill queue, or null when backfill is off. */
  public DurableQueue backfillQueue() {
    return backfill;
  }

  /** Backfilled frames the cloud acknowledged since start, over every session (closed ones too). */
  public long backfillDelivered() {
    return stats.backfillDelivered.sum();
  }

  /**
   * Box admission and connection hygiene: {@code admission} (the OIG source's counts), and box
   * connections closed for an oversize frame or as stalled, since start.
   */
  public Map<String, Object> hygiene() {
    Map<String, Object> closedBy = new java.util.LinkedHashMap<>();
    closedBy.put("oversize", stats.parseErrors.get(ProxyStats.ParseError.OVERSIZE).sum());
    stats.stalls.forEach((s, n) -> closedBy.put(s.name().toLowerCase(java.util.Locale.ROOT), n.sum()));
    return Map.of("admission", admission.counts(Source.OIG), "connections_closed", closedBy);
  }

  CaptureWriter captureWriter() {
    return captureWriter;
  }

  /** The {@code GET /api/oig/...} routes. */
  public List<ApiRoute> routes() {
    return new OigRoutes(this, clock).routes();
  }

  /**
   * Degraded while the listener is closed, and while capture or backfill drops frames: new drops
   * since the previous check, or any within the last 15 minutes ({@link ProxyHealth#WINDOW}), with
   * the count and the setting concerned in the detail.
   */
  public HealthCheck health() {
    return () -> {
      ProxyHealth h = health;
      return h == null ? new HealthCheck.Status("oig", false, "not started") : h.check();
    };
  }

  private void acceptLoop() {
    while (!closed) {
      SocketChannel s;
      try {
        s = server.accept();
      } catch (IOException e) {
        if (!closed) log.warn("OIG accept failed: {}", e.getMessage());
        continue;
      }
      String why = limiter.admit(s.socket().getInetAddress());
      if (why != null) {
        log.warn("OIG box connection from {} refused: {}", s.socket().getRemoteSocketAddress(), why);
        closeQuietly(s);
        continue;
      }
      stats.accepted.increment();
      long id = nextId.incrementAndGet();
      BoxSession session = new BoxSession(id, s, ctx, loops.get((int) (id % loops.size())), () -> {
        sessions.remove(id);
        limiter.release();
      });
      sessions.put(id, session);
      session.begin();
    }
  }

  private void purge() {
    try {
      long n = captureStore.purge(clock.instant().minus(config.captureRetention()));
      if (n > 0) log.info("OIG capture retention removed {} frames", n);
    } catch (RuntimeException e) {
      log.warn("OIG capture purge failed: {}", e.toString());
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (meters != null) meters.close();
    if (server != null) closeQuietly(server);
    for (BoxSession s : List.copyOf(sessions.values())) s.shutdown();
    for (IoLoop l : loops) l.close(); // after the sessions' closes posted above
    if (purging != null) purging.stop(Duration.ZERO); // interrupts a purge in progress, as before
    if (ownScheduler != null) ownScheduler.close(); // a probe still to come finds its session closed
    if (captureWriter != null) captureWriter.close();
    if (captureStore != null) captureStore.close();
    if (backfill != null) backfill.close();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // closing anyway
    }
  }
}
