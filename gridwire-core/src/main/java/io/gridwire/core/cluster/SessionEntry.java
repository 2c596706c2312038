package io.gridwire.core.cluster;

import java.time.Instant;
import java.util.Objects;

/**
 * One device WebSocket session as the session directory knows it (SPEC §3.4).
 *
 * @param sessionId the {@code session_id} the device connected with (also its device id)
 * @param nodeId the gateway node holding the connection
 * @param owner email of the user the device authenticated as, or null when unknown
 * @param connectedAt when the connection was authenticated (UTC)
 */
public record SessionEntry(String sessionId, String nodeId, String owner, Instant connectedAt) {
  public SessionEntry {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(nodeId, "nodeId");
  }
}
