package io.gridwire.app.wiring;

import io.gridwire.notify.DeliveryQueue;
import io.gridwire.uplink.outbox.Outbox;
import io.gridwire.uplink.outbox.OutboxBounds;
import io.gridwire.uplink.outbox.OutboxEntry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A webhook's {@link DeliveryQueue} on the uplink's durable outbox (SQLite, drop-oldest at the
 * count, byte and age bounds), so notifications use the same store-and-forward queue as the uplink
 * and the InfluxDB export. Thread-safe as the outbox is.
 */
final class OutboxDeliveryQueue implements DeliveryQueue {
  private final Outbox outbox;
  private final OutboxBounds bounds;
  private final Clock clock;

  OutboxDeliveryQueue(Outbox outbox, OutboxBounds bounds, Clock clock) {
    this.outbox = outbox;
    this.bounds = bounds;
    this.clock = clock;
  }

  @Override
  public int append(List<String> bodies) {
    List<OutboxEntry.Draft> drafts = new ArrayList<>(bodies.size());
    for (String b : bodies) drafts.add(new OutboxEntry.Draft("alarm", clock.instant(), "", b));
    int dropped = outbox.append(drafts);
    return dropped + outbox.expire(clock.instant().minus(bounds.maxAge()));
  }

  @Override
  public List<Entry> peek(int limit) {
    List<Entry> out = new ArrayList<>();
    for (OutboxEntry e : outbox.read(0, outbox.lastSeq(), limit)) out.add(new Entry(e.seq(), e.body()));
    return out;
  }

  @Override
  public void delete(long seq) {
    outbox.delete(List.of(seq));
  }

  @Override
  public long size() {
    return outbox.stats().messages();
  }

  @Override
  public String bound() {
    return bounds.maxMessages() + " messages, " + (bounds.maxBytes() >> 20) + " MiB, "
        + io.gridwire.core.config.Durations.format(bounds.maxAge());
  }

  @Override
  public void close() {
    outbox.close();
  }
}
