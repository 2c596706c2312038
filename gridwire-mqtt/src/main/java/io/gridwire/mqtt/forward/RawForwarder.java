package io.gridwire.mqtt.forward;

import io.gridwire.mqtt.client.InboundMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands matching messages to the {@link RawForward} listener and counts what happened, in
 * Micrometer {@code gridwire.mqtt.forward.messages} (handed on) and
 * {@code gridwire.mqtt.forward.rejected{reason}}: {@code oversize} (payload over
 * {@code maxPayloadBytes}, not handed on) and {@code listener_error} (the listener threw; the
 * message is lost to it, the connection carries on). Never throws; thread-safe.
 */
public final class RawForwarder {
  private static final Logger log = LoggerFactory.getLogger(RawForwarder.class);

  private final RawForward forward;
  private final int maxPayloadBytes;
  private final Counter forwarded;
  private final Counter oversize;
  private final Counter listenerErrors;

  public RawForwarder(RawForward forward, int maxPayloadBytes, MeterRegistry meters) {
    this.forward = forward;
    this.maxPayloadBytes = maxPayloadBytes;
    this.forwarded = Counter.builder("gridwire.mqtt.forward.messages")
        .description("raw MQTT messages handed to the forward listener (cloud uplink)").register(meters);
    this.oversize = rejected(meters, "oversize");
    this.listenerErrors = rejected(meters, "listener_error");
  }

  private static Counter rejected(MeterRegistry meters, String reason) {
    return Counter.builder("gridwire.mqtt.forward.rejected").tag("reason", reason)
        .description("raw MQTT messages on forward topics not handed on, by reason").register(meters);
  }

  /** @return whether the topic is one of the forward filters (handed on or counted as rejected) */
  public boolean accept(InboundMessage m) {
    if (!forward.matches(m.topic())) return false;
    if (m.payload().length > maxPayloadBytes) {
      oversize.increment();
      if (oversize.count() == 1 || (long) oversize.count() % 1000 == 0) {
        log.warn("mqtt forward: {} byte payload on {} is over {} bytes, not forwarded ({} so far)",
            m.payload().length, m.topic(), maxPayloadBytes, (long) oversize.count());
      }
      return true;
    }
    try {
      forward.listener().accept(m.topic(), m.payload());
      forwarded.increment();
    } catch (RuntimeException e) {
      listenerErrors.increment();
      log.warn("mqtt forward listener failed on {}: {}", m.topic(), e.toString(), e);
    }
    return true;
  }

  public RawForward forward() {
    return forward;
  }

  /** The status block of {@code GET /api/mqtt/status}. */
  public Map<String, Object> status() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("filters", forward.filters());
    s.put("forwarded", (long) forwarded.count());
    s.put("rejected", Map.of("oversize", (long) oversize.count(), "listener_error", (long) listenerErrors.count()));
    return s;
  }
}
