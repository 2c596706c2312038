package io.gridwire.mqtt.control;

import io.gridwire.mqtt.client.InboundMessage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Home Assistant commands between the MQTT client's thread and the ledger: a bounded queue and
 * one worker thread, so a slow store never stalls the client and commands keep their order.
 * {@link #offer} never blocks. Gauge {@code gridwire_mqtt_ha_commands_queued}. Thread-safe.
 */
final class ControlInbox {
  private final ThreadPoolExecutor worker;
  private final Consumer<InboundMessage> handler;
  private final int capacity;

  /** @param handler runs on the worker, one message at a time; must not throw */
  ControlInbox(int capacity, Consumer<InboundMessage> handler, MeterRegistry meters) {
    if (capacity < 1) throw new IllegalArgumentException("queue capacity must be at least 1: " + capacity);
    this.capacity = capacity;
    this.handler = handler;
    this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity),
        Thread.ofPlatform().daemon().name("mqtt-ha-commands").factory(), new ThreadPoolExecutor.AbortPolicy());
    Gauge.builder("gridwire.mqtt.ha.commands.queued", this, ControlInbox::size)
        .description("Home Assistant commands waiting for the command ledger").register(meters);
  }

  /** Queues {@code m} for the worker; false when the queue is full or the inbox closed. */
  boolean offer(InboundMessage m) {
    try {
      worker.execute(() -> handler.accept(m));
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  int size() {
    return worker.getQueue().size();
  }

  int capacity() {
    return capacity;
  }

  void close() {
    worker.shutdownNow();
  }
}
