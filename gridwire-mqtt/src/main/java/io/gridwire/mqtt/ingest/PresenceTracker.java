package io.gridwire.mqtt.ingest;

import io.gridwire.core.device.DeviceRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Presence of MQTT devices: a heartbeat marks a device alive; {@link #sweep} marks every device
 * silent for {@code timeout} or longer offline in the registry (record kept, no error). Only
 * presence changes: the MQTT connection is never touched. Thread-safe.
 */
public final class PresenceTracker {
  private final DeviceRegistry registry;
  private final Duration timeout;
  private final ConcurrentHashMap<String, Instant> lastHeartbeat = new ConcurrentHashMap<>();

  public PresenceTracker(DeviceRegistry registry, Duration timeout) {
    this.registry = registry;
    this.timeout = timeout;
  }

  /** Records a heartbeat received at {@code at} and marks the device online. */
  public void heartbeat(String deviceId, Instant at) {
    lastHeartbeat.merge(deviceId, at, (old, next) -> next.isAfter(old) ? next : old);
    registry.seen(deviceId, at);
  }

  /**
   * Marks devices offline whose last heartbeat is {@code timeout} or more before {@code now}.
   *
   * @return the ids marked offline
   */
  public List<String> sweep(Instant now) {
    List<String> expired = new ArrayList<>();
    for (Map.Entry<String, Instant> e : lastHeartbeat.entrySet()) {
      if (!e.getValue().plus(timeout).isAfter(now) && lastHeartbeat.remove(e.getKey(), e.getValue())) {
        expired.add(e.getKey());
        registry.offline(e.getKey(), null);
      }
    }
    return expired;
  }

  /** Devices currently considered alive. */
  public int alive() {
    return lastHeartbeat.size();
  }
}
