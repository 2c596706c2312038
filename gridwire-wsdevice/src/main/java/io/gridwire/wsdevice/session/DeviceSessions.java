package io.gridwire.wsdevice.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The device sessions connected to this node, one per {@code session_id}: a newer connection with
 * the same id replaces the older one. Thread-safe.
 */
public final class DeviceSessions {
  private final ConcurrentHashMap<String, DeviceSession> byId = new ConcurrentHashMap<>();

  /** Makes {@code s} the session of its id; returns the one it replaced, which the caller closes. */
  Optional<DeviceSession> open(DeviceSession s) {
    DeviceSession old = byId.put(s.sessionId(), s);
    return old == null || old == s ? Optional.empty() : Optional.of(old);
  }

  /** Forgets {@code s} if it is still the session of its id; false when a newer one replaced it. */
  boolean closed(DeviceSession s) {
    return byId.remove(s.sessionId(), s);
  }

  public Optional<DeviceSession> get(String sessionId) {
    return Optional.ofNullable(byId.get(sessionId));
  }

  /** Every session, sorted by id. */
  public List<DeviceSession> all() {
    List<DeviceSession> out = new ArrayList<>(byId.values());
    out.sort(Comparator.comparing(DeviceSession::sessionId));
    return out;
  }

  public int size() {
    return byId.size();
  }
}
