package io.gridwire.core.cluster;

import java.util.List;
import java.util.Optional;

/**
 * Which node holds which device session, across every node of a fleet ({@code ws:session:{id}} →
 * node in Redis). A node claims a session when a device authenticates and releases it when the
 * connection ends; the implementation keeps its own claims alive (TTL refresh) and re-claims them
 * after an outage of the shared store. Thread-safe; methods block for at most the
 * implementation's command timeout and throw {@link ClusterUnavailableException} when the shared
 * store cannot be reached.
 */
public interface SessionDirectory {

  /**
   * Records that {@code entry.nodeId()} holds the session now.
   *
   * @return the node that held it before, when that was another node (it must close its copy)
   */
  Optional<String> claim(SessionEntry entry);

  /** Forgets the session, but only if this node still holds it (a newer claim elsewhere wins). */
  void release(String sessionId);

  /** The node holding a session, if any node does. */
  Optional<String> nodeOf(String sessionId);

  /** Every session of every node, sorted by session id. */
  List<SessionEntry> list();
}
