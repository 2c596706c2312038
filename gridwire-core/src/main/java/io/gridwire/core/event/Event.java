package io.gridwire.core.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened to a device or the gateway.
 *
 * @param time when it happened (UTC)
 * @param deviceId the device concerned, or null for gateway-wide events
 * @param type what happened
 * @param message one human sentence
 * @param data structured details (error kind, command id, table, item, value), unmodifiable
 */
public record Event(Instant time, String deviceId, EventType type, String message, Map<String, String> data) {
  public Event {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(type, "type");
    message = message == null ? "" : message;
    data = data == null ? Map.of() : Map.copyOf(data);
  }

  public static Event of(Instant time, String deviceId, EventType type, String message) {
    return new Event(time, deviceId, type, message, Map.of());
  }
}
