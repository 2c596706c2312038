package io.gridwire.store.redis;

import io.gridwire.core.api.HealthCheck;
import io.gridwire.core.cluster.Cluster;
import io.gridwire.core.schedule.Scheduler;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's membership of a fleet through Redis: the session directory, the bus between nodes,
 * shared latest values and readings, and a health check.
 *
 * <pre>
 *   RedisCluster redis = RedisCluster.start(RedisConfig.of("redis://127.0.0.1:6379"), RedisRuntime.of("node-a"));
 *   WsDevices devices = new WsDevices(DeviceConfig.defaults(), deviceDeps);   // deviceDeps name redis.cluster()
 *   new WebServer(webConfig, WebRuntime.DEFAULT, deps, redis.cluster(), List.of(devices::mount)).start();
 *   ...
 *   devices.close(); web.stop(); redis.close();
 * </pre>
 *
 * Redis down (or not yet up at start): the node keeps serving its own devices, {@link #health()}
 * reports not ok, and everything resumes when Redis returns: Lettuce reconnects and re-subscribes,
 * and this node re-claims its sessions at once. Thread-safe.
 */
public final class RedisCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisCluster.class);
  private final RedisConfig config;
  private final RedisRuntime runtime;
  private final RedisConnections connections;
  private final RedisSessionDirectory directory;
  private final RedisClusterBus bus;
  private final Scheduler scheduler;
  private final Scheduler ownScheduler;
  /** Serialises refresh and liveness runs (they are timed separately and run on virtual threads). */
  private final ReentrantLock timed = new ReentrantLock();
  private final FleetDirectory fleet;
  private Scheduler.Task refreshing;
  private Scheduler.Task living;
  private int resharedGeneration;
  private volatile boolean closed;

  private RedisCluster(RedisConfig config, RedisRuntime runtime, Scheduler shared) {
    this.config = config;
    this.runtime = runtime;
    RedisKeys keys = new RedisKeys(config.keyPrefix());
    this.bus = new RedisClusterBus(runtime, keys);
    this.ownScheduler = shared == null ? new Scheduler("redis-cluster", 1) : null;
    this.scheduler = shared == null ? ownScheduler : shared;
    this.connections = new RedisConnections(config, runtime, bus, bus.channels(),
        () -> scheduler.afterBlocking("redis-refresh", Duration.ZERO, this::refresh));
    this.fleet = new FleetDirectory(connections, config, runtime, keys);
    this.bus.connectedVia(connections, fleet);
    this.directory = new RedisSessionDirectory(connections, config, runtime, keys);
  }

  /**
   * Connects (or keeps retrying in the background) and starts refreshing this node's sessions,
   * on a one-thread scheduler of its own (tests, tools).
   */
  public static RedisCluster start(RedisConfig config, RedisRuntime runtime) {
    return start(config, runtime, null);
  }

  /**
   * Like {@link #start(RedisConfig, RedisRuntime)}, timed by the app's shared {@code scheduler};
   * each refresh runs on a virtual thread, since it waits for Redis.
   */
  public static RedisCluster start(RedisConfig config, RedisRuntime runtime, Scheduler scheduler) {
    RedisCluster c = new RedisCluster(config, runtime, scheduler);
    c.connections.tryConnect();
    c.refreshing = c.scheduler.everyBlocking("redis-refresh", config.refreshInterval(), config.refreshInterval(), c::refresh);
    c.living = c.scheduler.everyBlocking("redis-alive", Duration.ZERO, config.nodeTtl().dividedBy(3), c::alive);
    return c;
  }

  private void refresh() {
    timed.lock();
    try {
      if (!closed && connections.tryConnect()) directory.refresh();
    } catch (RuntimeException e) {
      log.debug("redis refresh failed: {}", e.toString());
    } finally {
      try {
        alive(); // the lock is reentrant: refresh and its liveness update are one run
      } finally {
        timed.unlock();
      }
    }
  }

  /**
   * Refreshes the liveness key; after a new connection (Redis restarted, or reached for the first
   * time) first lets the node share its devices again. Serialised with {@link #refresh}.
   */
  private void alive() {
    timed.lock();
    try {
      if (closed || !connections.tryConnect()) return;
      int generation = connections.generation();
      if (generation != resharedGeneration) {
        resharedGeneration = generation;
        bus.reconnected();
      }
      fleet.alive();
    } catch (RuntimeException e) {
      log.debug("redis liveness refresh failed: {}", e.toString());
    } finally {
      timed.unlock();
    }
  }

  /** The ports the web module uses. */
  public Cluster cluster() {
    return new Cluster(runtime.nodeId(), directory, bus, this::health);
  }

  /** {@code redis}: ok while both connections are up. */
  public HealthCheck.Status health() {
    if (connections.up()) return new HealthCheck.Status("redis", true, "connected to " + config.safeUri() + " as node " + runtime.nodeId());
    return new HealthCheck.Status("redis", false, "redis unreachable (" + connections.lastError()
        + "); this node serves its own devices only until it returns");
  }

  /** Readings that could not be shared because Redis was down. */
  public long shareFailures() {
    return bus.shareFailures();
  }

  @Override
  public void close() {
    closed = true; // a refresh asked for by a reconnect and still to come does nothing
    if (refreshing != null) refreshing.stop(Duration.ZERO); // interrupts a run in progress, as before
    if (living != null) living.stop(Duration.ZERO);
    if (ownScheduler != null) ownScheduler.close();
    try {
      if (connections.up()) fleet.gone();
    } catch (RuntimeException e) {
      log.debug("could not delete the liveness key: {}", e.toString());
    }
    bus.close();
    connections.close();
  }
}
