package io.gridwire.wsdevice.api;

import io.gridwire.core.cluster.SessionEntry;
import io.gridwire.wsdevice.session.DeviceSession;
import java.time.Instant;

/**
 * A device session on the wire. Counters and address are known only on the node holding the
 * session ({@code local} true); other nodes' sessions come from the session directory.
 */
public record SessionJson(String sessionId, String deviceId, String node, boolean local, String owner, String auth,
    Instant connectedAt, Instant lastMessageAt, String remoteAddress, Long messagesReceived, Long messagesRejected,
    Long messagesThrottled, Long commandsSent) {

  static SessionJson of(DeviceSession s, String node) {
    return new SessionJson(s.sessionId(), s.sessionId(), node, true, s.owner(), s.auth(), s.connectedAt(),
        s.lastMessageAt(), s.remoteAddress(), s.messagesReceived(), s.messagesRejected(), s.messagesThrottled(),
        s.commandsSent());
  }

  static SessionJson of(SessionEntry e) {
    return new SessionJson(e.sessionId(), e.sessionId(), e.nodeId(), false, e.owner(), null, e.connectedAt(), null, null,
        null, null, null, null);
  }
}
