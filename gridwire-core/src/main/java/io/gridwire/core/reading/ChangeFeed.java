package io.gridwire.core.reading;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.bus.Subscription;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Report by exception between the connectors and the sinks that store or forward:
 *
 * <pre>
 *  connectors ──▶ readings bus ──▶ latest values (every reading: last polled)
 *                      └──▶ [this feed: ChangeFilter, one thread] ──▶ changes bus ──▶ history, MQTT, uplink, ...
 * </pre>
 *
 * The filter runs once per reading for all sinks of the same heartbeat; sinks receive readings
 * with only the values that passed, and no reading when none did. A {@code device_offline}
 * event reports the device's values as no-data ({@link ChangeFilter#offline}) so nothing stored
 * is carried past that moment; {@code device_removed} forgets its state.
 */
public final class ChangeFeed implements AutoCloseable {
  private final String name;
  private final ChangeFilter filter;
  private final Bus<Reading> changes;
  private final List<Subscription> subscriptions = new ArrayList<>();
  private final LongAdder valuesIn = new LongAdder();
  private final LongAdder valuesOut = new LongAdder();

  /**
   * @param name feed name (its heartbeat, e.g. {@code 5m}), for threads and metrics
   */
  public ChangeFeed(String name, ChangeFilter filter) {
    this.name = name;
    this.filter = filter;
    this.changes = new Bus<>("changes-" + name, Reading::deviceId, Reading::estimatedBytes, Reading::merge);
  }

  /** Starts filtering {@code readings}; offline and removal events come from {@code events}. */
  public ChangeFeed start(Bus<Reading> readings, Bus<Event> events, SubscriberOptions options) {
    subscriptions.add(readings.subscribeBatch("changes-" + name, options, this::onReadings));
    // Deep and never coalescing: an offline event replaced by a later event of the same device
    // would leave history carrying the device's last values forever.
    subscriptions.add(events.subscribe("changes-" + name, SubscriberOptions.durable(100_000), this::onEvent));
    return this;
  }

  /** The bus of passed values: subscribe sinks here. */
  public Bus<Reading> changes() {
    return changes;
  }

  void onReadings(List<Reading> batch) {
    for (Reading r : batch) {
      valuesIn.add(r.values().size());
      Reading out = filter.filter(r);
      if (out == null) continue;
      valuesOut.add(out.values().size());
      changes.publish(out);
    }
  }

  void onEvent(Event e) {
    if (e.deviceId() == null) return;
    if (e.type() == EventType.DEVICE_OFFLINE) {
      offline(e.deviceId(), e.time());
    } else if (e.type() == EventType.DEVICE_REMOVED) {
      filter.remove(e.deviceId());
    }
  }

  /**
   * The gateway stops polling at {@code at}: every held value becomes no-data there, so history
   * does not carry it through the time the gateway was down. Call after the connectors stopped.
   */
  public void stopping(Instant at) {
    for (String id : filter.deviceIds()) offline(id, at);
  }

  private void offline(String deviceId, Instant at) {
    Reading lost = filter.offline(deviceId, at);
    if (lost != null) {
      valuesOut.add(lost.values().size());
      changes.publish(lost);
    }
  }

  /** Values read by the connectors since start. */
  public long valuesIn() {
    return valuesIn.sum();
  }

  /** Values passed to the sinks since start. */
  public long valuesOut() {
    return valuesOut.sum();
  }

  /** Waits until what reached the feed has reached its sinks. */
  public boolean awaitDrained(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Subscription s : subscriptions) {
      if (!s.awaitDrained(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) return false;
    }
    return changes.awaitDrained(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
  }

  @Override
  public void close() {
    for (Subscription s : subscriptions) s.close();
    changes.close();
  }
}
