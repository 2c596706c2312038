package io.gridwire.core.port;

import io.gridwire.core.event.EventType;
import java.time.Instant;
import java.util.Set;

/**
 * Event filter; null or empty components match everything. Newest first.
 *
 * @param deviceId device key
 * @param types event types, any of which matches
 * @param from inclusive start
 * @param to exclusive end
 * @param limit maximum events, 1..10000
 */
public record EventQuery(String deviceId, Set<EventType> types, Instant from, Instant to, int limit) {
  public EventQuery {
    if (limit < 1 || limit > 10_000) throw new IllegalArgumentException("'limit' must be 1..10000: " + limit);
    types = types == null ? Set.of() : Set.copyOf(types);
  }

  /** One type, or every type when {@code type} is null. */
  public static EventQuery ofType(String deviceId, EventType type, Instant from, Instant to, int limit) {
    return new EventQuery(deviceId, type == null ? Set.of() : Set.of(type), from, to, limit);
  }

  /** Whether {@code type} passes the type filter. */
  public boolean matches(EventType type) {
    return types.isEmpty() || types.contains(type);
  }
}
