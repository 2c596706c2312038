package io.gridwire.core.cluster;

import io.gridwire.core.device.Device;
import io.gridwire.core.reading.Reading;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Messages between gateway nodes: request/answer to one node (a command relayed to the node that
 * holds a device session) and readings shared with every node (Redis hash
 * {@code device:{id}:metrics} and channel {@code metrics:updates}).
 *
 * <pre>
 *  node B ──request(A, body)──▶ A's inbox ──handler──▶ answer ──▶ B's future
 *  node A ──share(reading)──▶ latest hash + metrics:updates ──▶ every other node's onRemoteReading
 * </pre>
 *
 * A node never receives its own shared readings, so a remote reading handed to the local
 * WebSocket hub and latest values is neither stored twice nor shared again. Thread-safe;
 * nothing here blocks except {@link #latestSnapshot}.
 */
public interface ClusterBus {

  /** This node's id. */
  String nodeId();

  /**
   * Sends a request to a node. Completes with the node's answer, or exceptionally with
   * {@link ClusterUnavailableException} (store down, node not listening) or a timeout.
   */
  CompletableFuture<String> request(String nodeId, String body);

  /**
   * Serves requests addressed to this node. The handler runs on a virtual thread and may block
   * briefly; its return value is the answer. Replaces an earlier handler.
   */
  void serve(Function<String, String> handler);

  /**
   * Shares a reading of a local device: stored as the device's latest values and published to the
   * other nodes. Never blocks; dropped (and counted) while the shared store is down.
   *
   * @param shared the reading, its {@code /ws/metrics} message (carrying {@code "node"}) and its
   *     metrics' descriptions
   */
  void share(SharedReading shared);

  /**
   * Shares how a local device is listed and whether it answers (its site, kind, online, error),
   * next to its latest values. Called on registration and presence transitions; never blocks.
   */
  void presence(Device device);

  /** The device was removed from this node: its shared latest values go too. Never blocks. */
  void forget(String deviceId);

  /** Receives readings shared by other nodes. Called on a cluster thread; must be quick. */
  void onRemoteReading(Consumer<SharedReading> handler);

  /** The latest readings of every node's devices, for a starting node. Blocking, best effort. */
  List<Reading> latestSnapshot();

  /**
   * Every device of every node as last shared through {@link #presence}, with its node's liveness.
   * Blocking (bounded by the store's command timeout).
   *
   * @throws ClusterUnavailableException when the shared store cannot be reached
   */
  default List<FleetDevice> fleetDevices() {
    return List.of();
  }

  /**
   * Runs {@code task} whenever the connection to the shared store is (re-)established, so a node
   * can share again what the store may have lost (a restarted Redis keeps nothing). Runs on a
   * cluster thread.
   */
  default void onReconnect(Runnable task) {}

  /**
   * Drops this node's entries of the fleet's device list for which {@code owns} is false
   * (devices it listed before a crash or restart and no longer has). Blocking, best effort.
   */
  default void reconcile(java.util.function.Predicate<String> owns) {}
}
