package io.gridwire.mqtt.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incoming MQTT messages the client library dropped: its QoS 0 queue was full (the gateway
 * handled messages slower than they arrived) or no handler matched. The library would log one
 * WARN per message; the application's logging routes those lines here instead ({@link #count}),
 * where they become a counter ({@code gridwire_mqtt_client_dropped_total}) and at most one
 * summary WARN per {@link #SUMMARY_EVERY}. Thread-safe.
 */
public final class ClientDrops {
  private static final Logger log = LoggerFactory.getLogger(ClientDrops.class);
  public static final Duration SUMMARY_EVERY = Duration.ofSeconds(30);
  private static final ClientDrops SHARED = new ClientDrops(Clock.systemUTC());

  /** Why a message was dropped. */
  public enum Kind { QUEUE_FULL, NO_HANDLER }

  private final Clock clock;
  private final LongAdder total = new LongAdder();
  private final LongAdder queueFull = new LongAdder();
  private final LongAdder noHandler = new LongAdder();
  private long unreportedQueueFull;
  private long unreportedNoHandler;
  private Instant lastSummary = Instant.MIN;

  public ClientDrops(Clock clock) {
    this.clock = clock;
  }

  /** The process-wide instance the logging filter feeds. */
  public static ClientDrops shared() {
    return SHARED;
  }

  /** Counts one dropped message; logs a summary when the last one is old enough. */
  public void count(Kind kind) {
    total.increment();
    (kind == Kind.QUEUE_FULL ? queueFull : noHandler).increment();
    long full;
    long unrouted;
    synchronized (this) {
      if (kind == Kind.QUEUE_FULL) unreportedQueueFull++;
      else unreportedNoHandler++;
      Instant now = clock.instant();
      if (now.isBefore(lastSummary.plus(SUMMARY_EVERY))) return;
      full = unreportedQueueFull;
      unrouted = unreportedNoHandler;
      unreportedQueueFull = 0;
      unreportedNoHandler = 0;
      lastSummary = now;
    }
    log.warn("mqtt client dropped {} incoming messages since the last report: {} because its QoS 0 queue was full"
        + " (messages arrived faster than the gateway handled them: subscribe to fewer topics or give the gateway more"
        + " CPU), {} matching no handler; counted in gridwire_mqtt_client_dropped_total", full + unrouted, full, unrouted);
  }

  /** Messages dropped since start. */
  public long total() {
    return total.sum();
  }

  public long queueFull() {
    return queueFull.sum();
  }

  public long noHandler() {
    return noHandler.sum();
  }
}
