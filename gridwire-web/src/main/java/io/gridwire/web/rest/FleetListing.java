package io.gridwire.web.rest;

import io.gridwire.core.cluster.Cluster;
import io.gridwire.core.cluster.FleetDevice;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceFilter;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.log.RateLimitedLog;
import io.gridwire.web.json.DeviceJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device list of the whole fleet: this node's own devices from its registry, plus every other
 * node's devices from the shared directory, each with the node that owns it. A device whose node
 * is not alive is listed offline. The shared part is read at most once per {@link #MAX_AGE}
 * (listing load on Redis is bounded whatever the request rate); when Redis is down only the
 * local devices are listed ({@link Listing#complete()} false). Thread-safe.
 */
public final class FleetListing {
  /** Longest a shared listing is reused. */
  public static final Duration MAX_AGE = Duration.ofSeconds(1);
  private static final Logger log = LoggerFactory.getLogger(FleetListing.class);
  private final Cluster cluster;
  private final DeviceRegistry registry;
  private final Clock clock;
  private final RateLimitedLog unavailable;
  private final LongAdder failures = new LongAdder();
  private volatile Snapshot cached;

  /** What a listing holds: the devices, and whether every node's devices could be read. */
  public record Listing(List<DeviceJson> devices, boolean complete) {}

  private record Snapshot(Instant at, List<FleetDevice> devices) {}

  /** @param cluster the fleet, or null for a single node (the list is the registry's) */
  public FleetListing(Cluster cluster, DeviceRegistry registry, Clock clock) {
    this.cluster = cluster;
    this.registry = registry;
    this.clock = clock;
    this.unavailable = new RateLimitedLog(log, clock, Duration.ofMinutes(1));
  }

  /** Every device matching {@code filter}, sorted by site then id. Blocking (one Redis read at most). */
  public Listing list(DeviceFilter filter) {
    String self = cluster == null ? null : cluster.nodeId();
    List<DeviceJson> out = new ArrayList<>();
    Set<String> local = new HashSet<>();
    List<Device> restored = new ArrayList<>();
    for (Device d : registry.list(DeviceFilter.ALL)) {
      if (registry.restoredOnly(d.id())) {
        restored.add(d); // known from the database only: another node's listing wins
        continue;
      }
      local.add(d.id());
      if (filter.matches(d)) out.add(DeviceJson.of(d, self));
    }
    boolean complete = true;
    if (cluster != null) {
      List<FleetDevice> remote = remote();
      if (remote == null) {
        complete = false;
      } else {
        for (FleetDevice f : remote) {
          if (f.node().equals(self) || local.contains(f.device().id())) continue;
          local.add(f.device().id());
          Device d = f.listed();
          if (filter.matches(d)) out.add(DeviceJson.of(d, f.node()));
        }
      }
    }
    for (Device d : restored) {
      if (!local.contains(d.id()) && filter.matches(d)) out.add(DeviceJson.of(d, self));
    }
    out.sort(Comparator.comparing(DeviceJson::site).thenComparing(DeviceJson::id));
    return new Listing(out, complete);
  }

  /** A device of this node as the API shows it. */
  public DeviceJson local(Device d) {
    return DeviceJson.of(d, cluster == null ? null : cluster.nodeId());
  }

  /** The owning node and listing of one device of another node, or null when unknown there. */
  public DeviceJson remoteOne(String id) {
    if (cluster == null) return null;
    List<FleetDevice> remote = remote();
    if (remote == null) return null;
    for (FleetDevice f : remote) {
      if (f.device().id().equals(id) && !f.node().equals(cluster.nodeId())) return DeviceJson.of(f.listed(), f.node());
    }
    return null;
  }

  private List<FleetDevice> remote() {
    Snapshot s = cached;
    Instant now = clock.instant();
    if (s != null && Duration.between(s.at(), now).compareTo(MAX_AGE) < 0) return s.devices();
    try {
      List<FleetDevice> read = cluster.bus().fleetDevices();
      cached = new Snapshot(now, read);
      return read;
    } catch (RuntimeException e) {
      failures.increment();
      unavailable.warn("fleet", "fleet device list unavailable (" + e.getMessage()
          + "); listing this node's devices only until the shared store returns");
      return null;
    }
  }

  /** Listings that could not read the other nodes' devices. */
  public long failures() {
    return failures.sum();
  }
}
