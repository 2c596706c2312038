package io.gridwire.core.cluster;

import io.gridwire.core.reading.InMemoryLatestValues;
import io.gridwire.core.device.Device;
import io.gridwire.core.reading.Reading;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A fleet whose nodes live in one process: the single-node default when Redis is off, and a
 * shared-nothing stand-in for tests of several nodes. Sessions, latest values and request routing
 * are kept in memory. Thread-safe.
 */
public final class InProcessCluster {
  private final Map<String, SessionEntry> sessions = new ConcurrentHashMap<>();
  private final Map<String, Node> nodes = new ConcurrentHashMap<>();
  private final InMemoryLatestValues latest = new InMemoryLatestValues();
  private final Map<String, FleetDevice> fleet = new ConcurrentHashMap<>();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  /** Joins (or returns) the node with this id. */
  public Cluster node(String nodeId) {
    Node n = nodes.computeIfAbsent(nodeId, Node::new);
    return new Cluster(nodeId, n, n, null);
  }

  private final class Node implements SessionDirectory, ClusterBus {
    private final String id;
    private volatile Function<String, String> handler;
    private final List<Consumer<SharedReading>> readingHandlers = new CopyOnWriteArrayList<>();

    Node(String id) {
      this.id = id;
    }

    @Override
    public Optional<String> claim(SessionEntry entry) {
      SessionEntry old = sessions.put(entry.sessionId(), entry);
      return old == null || old.nodeId().equals(id) ? Optional.empty() : Optional.of(old.nodeId());
    }

    @Override
    public void release(String sessionId) {
      sessions.computeIfPresent(sessionId, (k, e) -> e.nodeId().equals(id) ? null : e);
    }

    @Override
    public Optional<String> nodeOf(String sessionId) {
      return Optional.ofNullable(sessions.get(sessionId)).map(SessionEntry::nodeId);
    }

    @Override
    public List<SessionEntry> list() {
      List<SessionEntry> out = new ArrayList<>(sessions.values());
      out.sort(Comparator.comparing(SessionEntry::sessionId));
      return out;
    }

    @Override
    public String nodeId() {
      return id;
    }

    @Override
    public CompletableFuture<String> request(String nodeId, String body) {
      Node target = nodes.get(nodeId);
      Function<String, String> h = target == null ? null : target.handler;
      if (h == null) return CompletableFuture.failedFuture(new ClusterUnavailableException("node " + nodeId + " is not listening"));
      return CompletableFuture.supplyAsync(() -> h.apply(body), executor);
    }

    @Override
    public void serve(Function<String, String> handler) {
      this.handler = handler;
    }

    @Override
    public void share(SharedReading shared) {
      latest.update(shared.reading());
      for (Node other : nodes.values()) {
        if (other == this) continue;
        for (Consumer<SharedReading> h : other.readingHandlers) h.accept(shared);
      }
    }

    @Override
    public void presence(Device device) {
      fleet.put(device.id(), new FleetDevice(device, id, true));
    }

    @Override
    public void forget(String deviceId) {
      latest.remove(deviceId);
      fleet.remove(deviceId);
    }

    @Override
    public List<FleetDevice> fleetDevices() {
      return List.copyOf(fleet.values());
    }

    @Override
    public void onRemoteReading(Consumer<SharedReading> handler) {
      readingHandlers.add(handler);
    }

    @Override
    public List<Reading> latestSnapshot() {
      return List.copyOf(latest.all());
    }
  }
}
