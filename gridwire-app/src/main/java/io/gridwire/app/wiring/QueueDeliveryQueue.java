package io.gridwire.app.wiring;

import io.gridwire.core.config.Durations;
import io.gridwire.core.port.DurableQueue;
import io.gridwire.core.port.QueueEntry;
import io.gridwire.notify.DeliveryQueue;
import io.gridwire.uplink.outbox.OutboxBounds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A webhook's or e-mail group's {@link DeliveryQueue} on a {@link DurableQueue} (SQLite,
 * drop-oldest at the count and byte bounds, expired past the age bound on each append), the same
 * store-and-forward queue as the uplink and the InfluxDB export use. Thread-safe as the queue is.
 */
final class QueueDeliveryQueue implements DeliveryQueue {
  private final DurableQueue queue;
  private final OutboxBounds bounds;
  private final Clock clock;

  QueueDeliveryQueue(DurableQueue queue, OutboxBounds bounds, Clock clock) {
    this.queue = queue;
    this.bounds = bounds;
    this.clock = clock;
  }

  @Override
  public int append(List<String> bodies) {
    List<QueueEntry.Draft> drafts = new ArrayList<>(bodies.size());
    for (String b : bodies) drafts.add(QueueEntry.Draft.text("alarm", clock.instant(), "", b));
    int dropped = queue.append(drafts);
    return dropped + queue.expire(clock.instant().minus(bounds.maxAge()));
  }

  @Override
  public List<Entry> peek(int limit) {
    List<Entry> out = new ArrayList<>();
    for (QueueEntry e : queue.read(0, queue.lastSeq(), limit)) out.add(new Entry(e.seq(), e.text()));
    return out;
  }

  @Override
  public void delete(long seq) {
    queue.remove(List.of(seq));
  }

  @Override
  public long size() {
    return queue.stats().messages();
  }

  @Override
  public String bound() {
    return bounds.maxMessages() + " messages, " + (bounds.maxBytes() >> 20) + " MiB, " + Durations.format(bounds.maxAge());
  }

  @Override
  public void close() {
    queue.close();
  }
}
