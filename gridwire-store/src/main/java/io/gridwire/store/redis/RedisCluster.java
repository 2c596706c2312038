package io.gridwire.store.redis;

import io.gridwire.core.api.HealthCheck;
import io.gridwire.core.cluster.Cluster;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
  private final ScheduledExecutorService timer;
  private final FleetDirectory fleet;
  private int resharedGeneration;

  private RedisCluster(RedisConfig config, RedisRuntime runtime) {
    this.config = config;
    this.runtime = runtime;
    RedisKeys keys = new RedisKeys(config.keyPrefix());
    this.bus = new RedisClusterBus(runtime, keys);
    this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("redis-cluster").factory());
    this.connections = new RedisConnections(config, runtime, bus, bus.channels(), () -> timer.execute(this::refresh));
    this.fleet = new FleetDirectory(connections, config, runtime, keys);
    this.bus.connectedVia(connections, fleet);
    this.directory = new RedisSessionDirectory(connections, config, runtime, keys);
  }

  /** Connects (or keeps retrying in the background) and starts refreshing this node's sessions. */
  public static RedisCluster start(RedisConfig config, RedisRuntime runtime) {
    RedisCluster c = new RedisCluster(config, runtime);
    c.connections.tryConnect();
    long every = config.refreshInterval().toMillis();
    c.timer.scheduleWithFixedDelay(c::refresh, every, every, TimeUnit.MILLISECONDS);
    long alive = config.nodeTtl().toMillis() / 3;
    c.timer.scheduleWithFixedDelay(c::alive, 0, alive, TimeUnit.MILLISECONDS);
    return c;
  }

  private void refresh() {
    try {
      if (connections.tryConnect()) directory.refresh();
    } catch (RuntimeException e) {
      log.debug("redis refresh failed: {}", e.toString());
    }
    alive();
  }

  /**
   * Refreshes the liveness key; after a new connection (Redis restarted, or reached for the first
   * time) first lets the node share its devices again. Runs on the timer thread only.
   */
  private void alive() {
    try {
      if (!connections.tryConnect()) return;
      int generation = connections.generation();
      if (generation != resharedGeneration) {
        resharedGeneration = generation;
        bus.reconnected();
      }
      fleet.alive();
    } catch (RuntimeException e) {
      log.debug("redis liveness refresh failed: {}", e.toString());
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
    timer.shutdownNow();
    try {
      if (connections.up()) fleet.gone();
    } catch (RuntimeException e) {
      log.debug("could not delete the liveness key: {}", e.toString());
    }
    bus.close();
    connections.close();
  }
}
