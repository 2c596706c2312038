package io.gridwire.web;

import io.gridwire.core.api.ApiRoute;
import io.gridwire.core.user.Role;
import io.gridwire.web.rest.AuthRoutes;
import io.gridwire.web.auth.Authenticator;
import io.gridwire.web.auth.LoginThrottle;
import io.gridwire.web.auth.PasswordCheck;
import io.gridwire.web.auth.Pause;
import io.gridwire.web.auth.ThrottlePolicy;
import io.gridwire.web.auth.PasswordHasher;
import io.gridwire.web.metrics.GatewayMetrics;
import io.gridwire.web.rest.DeviceRoutes;
import io.gridwire.web.rest.EventRoutes;
import io.gridwire.web.rest.ExtraRoutes;
import io.gridwire.web.rest.AuthGuard;
import io.gridwire.web.rest.HealthRoutes;
import io.gridwire.web.rest.HistoryRoutes;
import io.gridwire.web.json.LatestJson;
import io.gridwire.web.rest.MetricRoutes;
import io.gridwire.web.ws.MetricsHub;
import io.gridwire.web.ws.MetricsSocket;
import io.gridwire.core.cluster.Cluster;
import io.gridwire.web.cluster.ClusterBridge;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTTP and WebSocket server (Javalin on virtual threads): REST API, live
 * {@code /ws/metrics}, auth, {@code /health}, {@code /metrics} and the dashboard's static files.
 * Connectors contribute routes as data ({@link WebDependencies#routes}); one that serves its own
 * protocol on a path (the WebSocket devices' {@code /ws/devices}) is mounted through an endpoint
 * hook. Create, {@link #start()}, {@link #stop()}; not restartable. Thread-safe.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebServer.class);
  /** Failed dashboard logins of one account, from any address, per minute before answers are late. */
  private static final int ACCOUNT_FAILURES_PER_MINUTE = 5;
  private final WebConfig config;
  private final WebRuntime runtime;
  private final WebDependencies deps;
  private final Authenticator auth;
  private MetricsHub hub;
  private LatestJson latestJson;
  private GatewayMetrics metrics;
  private HealthRoutes health;
  private Javalin app;
  private io.gridwire.core.schedule.Scheduler scheduler;
  private io.gridwire.core.schedule.Scheduler ownScheduler;
  private io.gridwire.core.schedule.Scheduler.Task tokenPurge;
  private final Cluster cluster;
  private final List<Consumer<RoutesConfig>> endpoints;
  private final PasswordHasher hasher;
  private ClusterBridge bridge;

  /** A single node without endpoints of connectors. */
  public WebServer(WebConfig config, WebRuntime runtime, WebDependencies deps) {
    this(config, runtime, deps, null, List.of());
  }

  /**
   * @param cluster the fleet this node belongs to (Redis), or null for a single node
   * @param endpoints connectors' routes that do their own authentication, mounted as they are (e.g.
   *     a device WebSocket whose first message authenticates); the server's limits, headers and
   *     error answers apply to them
   */
  public WebServer(WebConfig config, WebRuntime runtime, WebDependencies deps, Cluster cluster,
      List<Consumer<RoutesConfig>> endpoints) {
    this.config = config;
    this.runtime = runtime;
    this.deps = deps;
    this.cluster = cluster;
    this.endpoints = List.copyOf(endpoints);
    this.hasher = new PasswordHasher(runtime.bcryptCost());
    LoginThrottle throttle = new LoginThrottle(deps.clock(),
        ThrottlePolicy.of(config.loginFailuresPerMinute(), ACCOUNT_FAILURES_PER_MINUTE));
    this.auth = new Authenticator(deps.users(), new PasswordCheck(deps.users(), hasher, throttle, Pause.SLEEP),
        deps.clock(), config.tokenTtl());
  }

  /**
   * Purges expired tokens on the app's shared scheduler. Call before {@link #start}; without it
   * (tests, tools) the server starts a one-thread scheduler of its own.
   */
  public synchronized WebServer scheduler(io.gridwire.core.schedule.Scheduler shared) {
    if (app != null) throw new IllegalStateException("web server already started");
    this.scheduler = java.util.Objects.requireNonNull(shared, "scheduler");
    return this;
  }

  /** Binds and starts serving; subscribes the WebSocket hub to the buses. Blocks until bound. */
  public synchronized WebServer start() {
    if (app != null) throw new IllegalStateException("web server already started");
    latestJson = new LatestJson(deps.catalog());
    hub = new MetricsHub(deps.websocketFeed(), deps.eventBus(), deps.latest(), deps.catalog(), latestJson);
    List<io.gridwire.core.bus.Bus<?>> buses = new java.util.ArrayList<>(List.of(deps.readingBus(), deps.eventBus()));
    buses.addAll(deps.otherBuses());
    metrics = new GatewayMetrics(deps.meterRegistry(), buses, hub);
    List<io.gridwire.core.api.HealthCheck> checks = new java.util.ArrayList<>(deps.healthChecks());
    if (cluster != null && cluster.health() != null) checks.add(cluster.health());
    health = new HealthRoutes(checks);
    app = Javalin.create(this::configure);
    try {
      app.start(config.host(), config.port());
    } catch (RuntimeException e) {
      hub.close();
      throw e;
    }
    if (cluster != null) {
      bridge = new ClusterBridge(cluster, deps.fleetFeed(), deps.devices(), deps.latest(), deps.catalog(), hub);
    }
    if (scheduler == null) scheduler = ownScheduler = new io.gridwire.core.schedule.Scheduler("web-housekeeping", 1);
    // blocking: a purge is a database delete
    tokenPurge = scheduler.everyBlocking("web-token-purge", java.time.Duration.ofMinutes(1), java.time.Duration.ofMinutes(60),
        this::purgeTokens);
    log.info("web server listening on {}:{}", config.host(), app.port());
    return this;
  }

  /** The bound port (useful with port 0). */
  public int port() {
    if (app == null) throw new IllegalStateException("web server not started");
    return app.port();
  }

  public Authenticator authenticator() {
    return auth;
  }

  /** The WebSocket hub (connections, drops), for metrics and tests. */
  public MetricsHub hub() {
    return hub;
  }

  /** Whether every health check is ok now (what {@code GET /health} reports); false before {@link #start()}. */
  public boolean healthy() {
    HealthRoutes h = health;
    return h != null && h.allOk();
  }

  /** Stops serving and closes WebSocket clients; the shared dependencies stay open. Idempotent. */
  public synchronized void stop() {
    if (bridge != null) bridge.close();
    if (tokenPurge != null) tokenPurge.stop(java.time.Duration.ZERO); // interrupts a purge in progress, as before
    if (ownScheduler != null) ownScheduler.close();
    if (app != null) app.stop();
    if (hub != null) hub.close();
  }

  @Override
  public void close() {
    stop();
  }

  private void purgeTokens() {
    try {
      int n = auth.purgeExpired();
      if (n > 0) log.debug("purged {} expired tokens", n);
    } catch (RuntimeException e) {
      log.warn("purging expired tokens failed: {}", e.toString());
    }
  }

  private void configure(JavalinConfig cfg) {
    // Platform threads, on purpose: pollers run on virtual threads, and when they keep every
    // carrier busy a request on a virtual thread waits behind them (/health, /metrics and the API
    // stopped answering at 5,000 devices on one core). The OS scheduler gives these threads their share.
    cfg.concurrency.useVirtualThreads = false;
    cfg.startup.showJavalinBanner = false;
    cfg.startup.showOldJavalinVersionWarning = false;
    cfg.http.maxRequestSize = config.maxRequestBytes();
    // Room for ?devices= lists up to the bound; longer request lines get Jetty's 431.
    cfg.jetty.modifyHttpConfiguration(h -> h.setRequestHeaderSize(64 * 1024));
    cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
    cfg.jetty.modifyWebSocketServletFactory(f -> {
      f.setMaxTextMessageSize(config.maxWsMessageBytes());
      f.setMaxBinaryMessageSize(config.maxWsMessageBytes());
      f.setIdleTimeout(runtime.wsIdleTimeout());
    });
    staticFiles(cfg);
    RoutesConfig r = cfg.routes;
    SecurityHeaders.install(cfg, r, config.security());
    HttpErrors.install(r, metrics);
    routes(r);
  }

  private void staticFiles(JavalinConfig cfg) {
    if (config.staticPath() != null) {
      cfg.staticFiles.enableWebjars(); // the dashboard's chart library (uPlot) under webjars/
      cfg.staticFiles.add(config.staticDir(), Location.EXTERNAL);
    } else if (WebServer.class.getResource("/public") != null) {
      // From the jar: copied out with the web jars, so Jetty does not mount the whole jar (DashboardFiles).
      java.util.Optional<java.nio.file.Path> copied = DashboardFiles.extractFromJar();
      if (copied.isPresent()) {
        cfg.staticFiles.add(copied.get().toString(), Location.EXTERNAL);
      } else {
        cfg.staticFiles.enableWebjars();
        cfg.staticFiles.add("/public", Location.CLASSPATH);
      }
    }
  }


  private void routes(RoutesConfig r) {
    AuthGuard guard = new AuthGuard(auth);
    MetricRoutes metricRoutes = new MetricRoutes(deps.devices(), deps.latest(), deps.catalog(), latestJson);
    io.gridwire.web.rest.FleetListing fleet = new io.gridwire.web.rest.FleetListing(cluster, deps.devices(), deps.clock());
    io.micrometer.core.instrument.FunctionCounter.builder("gridwire.fleet.listing.unavailable", fleet,
        io.gridwire.web.rest.FleetListing::failures)
        .description("device listings that could not read the other nodes' devices (Redis down)").register(deps.meterRegistry());
    DeviceRoutes devices = new DeviceRoutes(deps.devices(), deps.latest(), deps.catalog(), config.maxRequestBytes(), fleet,
        deps.provisioning());
    HistoryRoutes history = new HistoryRoutes(deps.history(), deps.catalog(), metricRoutes, deps.clock());
    EventRoutes events = new EventRoutes(deps.events(), deps.clock());
    AuthRoutes authRoutes = new AuthRoutes(auth, config.maxRequestBytes(), metrics.loginFailures(),
        metrics.loginRateLimited(), deps.users(), deps.clock());
    MetricsSocket socket = new MetricsSocket(hub, guard, new MetricsSocket.Limits(config.maxDevicesParam(),
        runtime.wsClientQueue(), runtime.wsClientCoalesceKeys(), runtime.wsIdleTimeout()));

    r.get("/health", health::health);
    dashboardIndex(r);
    // Every /api path but the login needs a session, whether it exists or not: an anonymous caller
    // cannot tell which connectors are enabled from 404 versus 401.
    r.before("/api/*", ctx -> {
      if (ctx.method() != HandlerType.OPTIONS && !ctx.path().equals("/api/auth/login")) guard.principal(ctx);
    });
    for (Consumer<RoutesConfig> endpoint : endpoints) endpoint.accept(r);
    r.get("/metrics", new ScrapeAccess(config.security(), guard).protect(this::prometheus));
    r.post("/api/auth/login", authRoutes::login);
    r.post("/api/auth/logout", guard.require(Role.VIEWER, authRoutes::logout));
    r.get("/api/auth/me", guard.require(Role.VIEWER, authRoutes::me));
    r.post("/api/tokens", guard.require(Role.ADMIN, authRoutes::issueDeviceToken));
    r.get("/api/tokens", guard.require(Role.ADMIN, authRoutes::listDeviceTokens));
    r.delete("/api/tokens/{id}", guard.require(Role.ADMIN, authRoutes::revokeDeviceToken));
    userRoutes(r, guard);
    // Contributed routes first: Javalin takes the first match, so /api/devices/pending must come before /api/devices/{id}.
    ExtraRoutes extra = new ExtraRoutes(config.maxRequestBytes());
    for (ApiRoute route : deps.routes()) {
      r.addHttpHandler(HandlerType.findOrCreate(route.method().toUpperCase(java.util.Locale.ROOT)), route.path(),
          guard.require(route.role(), extra.adapt(route)));
    }
    r.get("/api/devices", guard.require(Role.VIEWER, devices::list));
    r.post("/api/devices", guard.require(Role.ADMIN, devices::create));
    r.get("/api/devices/{id}", guard.require(Role.VIEWER, devices::one));
    r.put("/api/devices/{id}", guard.require(Role.ADMIN, devices::update));
    r.delete("/api/devices/{id}", guard.require(Role.ADMIN, devices::remove));
    r.get("/api/metrics", guard.require(Role.VIEWER, metricRoutes::latest));
    r.get("/api/metrics/history", guard.require(Role.VIEWER, history::history));
    r.get("/api/metrics/catalog", guard.require(Role.VIEWER, metricRoutes::catalog));
    r.get("/api/metrics/last_known", guard.require(Role.VIEWER, metricRoutes::lastKnown));
    r.get("/api/events", guard.require(Role.VIEWER, events::list));
    r.wsBeforeUpgrade("/ws/metrics", socket::beforeUpgrade);
    r.ws("/ws/metrics", socket::configure);
  }

  /** The dashboard's page, with a {@code <base href>} when a proxy announces a path prefix. */
  private void dashboardIndex(RoutesConfig r) {
    io.gridwire.web.dashboard.IndexPage index = new io.gridwire.web.dashboard.IndexPage(config.staticPath(),
        metrics.prefixRejected());
    if (!index.present()) return;
    r.get("/", index::handle);
    r.get("/index.html", index::handle);
  }

  private void userRoutes(RoutesConfig r, AuthGuard guard) {
    var users = new io.gridwire.web.rest.UserRoutes(
        new io.gridwire.web.auth.UserAdmin(deps.users(), hasher, deps.clock()), config.maxRequestBytes());
    r.get("/api/users", guard.require(Role.ADMIN, users::list));
    r.post("/api/users", guard.require(Role.ADMIN, users::create));
    r.put("/api/users/{email}", guard.require(Role.ADMIN, users::update));
    r.delete("/api/users/{email}", guard.require(Role.ADMIN, users::remove));
  }

  private void prometheus(io.javalin.http.Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

}
