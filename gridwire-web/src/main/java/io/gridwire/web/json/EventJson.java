package io.gridwire.web.json;

import io.gridwire.core.event.Event;
import java.time.Instant;
import java.util.Map;

/** An event as the API and the WebSocket stream show it. */
public record EventJson(Instant time, String deviceId, String type, String message, Map<String, String> data) {
  public static EventJson of(Event e) {
    return new EventJson(e.time(), e.deviceId(), e.type().wireName(), e.message(), e.data());
  }
}
