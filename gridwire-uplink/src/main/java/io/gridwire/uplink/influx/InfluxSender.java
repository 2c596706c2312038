package io.gridwire.uplink.influx;

import io.gridwire.core.port.DurableQueue;
import io.gridwire.core.port.QueueEntry;
import io.gridwire.core.retry.Backoff;
import io.gridwire.uplink.link.DropReason;
import io.gridwire.uplink.link.LinkTelemetry;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer turn: read the oldest batch from the outbox, post it, delete it on success. Not
 * thread-safe (one writer thread).
 */
final class InfluxSender {
  private static final Logger log = LoggerFactory.getLogger(InfluxSender.class);

  private final InfluxBatching batching;
  private final DurableQueue outbox;
  private final InfluxWriter writer;
  private final LinkTelemetry telemetry;
  private final Backoff.Attempts backoff;
  private int batchSize;
  private boolean failedBefore;
  private long lastSend = System.nanoTime();

  InfluxSender(InfluxBatching batching, DurableQueue outbox, InfluxWriter writer, LinkTelemetry telemetry) {
    this.batching = batching;
    this.outbox = outbox;
    this.writer = writer;
    this.telemetry = telemetry;
    this.backoff = new Backoff(batching.retryDelay(), batching.retryMaxDelay()).attempts(new Random());
    this.batchSize = batching.batchSize();
  }

  /** Does one step; returns how long to pause before the next ({@code ZERO}: go on). */
  Duration turn() {
    List<QueueEntry> batch = outbox.read(0, Long.MAX_VALUE, batchSize);
    Duration waited = Duration.ofNanos(System.nanoTime() - lastSend);
    if (batch.isEmpty()) return batching.flushInterval();
    if (batch.size() < batchSize && waited.compareTo(batching.flushInterval()) < 0) {
      return batching.flushInterval().minus(waited);
    }
    StringBuilder body = new StringBuilder(batch.size() * 96);
    for (QueueEntry e : batch) body.append(e.text()).append('\n');
    WriteOutcome outcome = writer.write(body.toString(), batch.size());
    lastSend = System.nanoTime();
    long last = batch.getLast().seq(); // the batch is the head of the queue: delivered in order
    return switch (outcome) {
      case WriteOutcome.Written w -> {
        outbox.acknowledge(last);
        telemetry.sent(batch.size());
        up();
        yield Duration.ZERO;
      }
      case WriteOutcome.Rejected r -> {
        outbox.acknowledge(last);
        int dropped = Math.min(r.dropped(), batch.size());
        telemetry.sent(batch.size() - dropped);
        telemetry.dropped(DropReason.REJECTED, dropped);
        telemetry.error(r.detail());
        up();
        yield Duration.ZERO;
      }
      case WriteOutcome.TooLarge t -> {
        batchSize = Math.max(1, batchSize / 2);
        telemetry.error("batch too large, now " + batchSize + " points");
        yield Duration.ZERO;
      }
      case WriteOutcome.Retry r -> {
        if (telemetry.connected() || !failedBefore) log.warn("InfluxDB write failed, keeping {} queued: {}", outbox.stats().messages(), r.reason());
        failedBefore = true;
        telemetry.connected(false);
        telemetry.error(r.reason());
        yield backoff.next();
      }
    };
  }

  private void up() {
    if (!telemetry.connected()) log.info("InfluxDB writes resumed");
    telemetry.connected(true);
    backoff.reset();
  }
}
