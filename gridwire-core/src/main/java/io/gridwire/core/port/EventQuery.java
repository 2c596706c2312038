package io.gridwire.core.port;

import io.gridwire.core.event.EventType;
import java.time.Instant;

/**
 * Event filter; null components match everything. Newest first.
 *
 * @param deviceId device key
 * @param type event type
 * @param from inclusive start
 * @param to exclusive end
 * @param limit maximum events, 1..10000
 */
public record EventQuery(String deviceId, EventType type, Instant from, Instant to, int limit) {
  public EventQuery {
    if (limit < 1 || limit > 10_000) throw new IllegalArgumentException("'limit' must be 1..10000: " + limit);
  }
}
