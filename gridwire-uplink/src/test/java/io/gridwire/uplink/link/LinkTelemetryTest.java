package io.gridwire.uplink.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.port.QueueEntry;
import io.gridwire.testkit.ManualClock;
import io.gridwire.testkit.store.InMemoryQueue;
import io.gridwire.uplink.outbox.OutboxBounds;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LinkTelemetryTest {
  private final ManualClock clock = ManualClock.at("2026-01-01T00:00:00Z");
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final InMemoryQueue outbox = new InMemoryQueue(OutboxBounds.DEFAULT.queue("uplink.outbox_max_messages"));

  @Test
  void dropped_burst_firstEventAtOnceRestSummedAfterInterval() throws Exception {
    List<Event> events = new CopyOnWriteArrayList<>();
    try (Bus<Event> bus = new Bus<>("events", e -> "x")) {
      bus.subscribe("t", SubscriberOptions.durable(100), events::add);
      LinkTelemetry t = new LinkTelemetry("cloud", "websocket", "ws://x", outbox, bus, clock, meters, Duration.ofMinutes(1));
      t.dropped(DropReason.BOUND, 3);
      t.dropped(DropReason.BOUND, 4);
      t.dropped(DropReason.BOUND, 5);
      t.flush();
      bus.awaitDrained(Duration.ofSeconds(2));
      assertThat(events).hasSize(1);
      assertThat(events.getFirst().type()).isEqualTo(EventType.DATA_DROPPED);
      assertThat(events.getFirst().data()).containsEntry("count", "3").containsEntry("reason", "bound");
      clock.advance(Duration.ofMinutes(1));
      t.flush();
      bus.awaitDrained(Duration.ofSeconds(2));
      assertThat(events).hasSize(2);
      assertThat(events.get(1).data()).containsEntry("count", "9");
      assertThat(t.status().dropped()).isEqualTo(12);
      assertThat(meters.get("gridwire.link.dropped").tag("reason", "bound").counter().count()).isEqualTo(12);
    }
  }

  @Test
  void status_backlog_sizeAndAgeFromOutbox() {
    LinkTelemetry t = new LinkTelemetry("influx", "influxdb", "http://x", outbox, null, clock, meters, Duration.ofMinutes(1));
    outbox.append(List.of(QueueEntry.Draft.text("d", clock.instant(), "", "line")));
    clock.advance(Duration.ofSeconds(90));
    t.sent(2);
    t.error("boom");
    LinkStatus s = t.status();
    assertThat(s.backlog()).isEqualTo(1);
    assertThat(s.backlogAge()).isEqualTo(Duration.ofSeconds(90));
    assertThat(s.sent()).isEqualTo(2);
    assertThat(s.lastError()).isEqualTo("boom");
    assertThat(s.lastErrorAt()).isEqualTo(clock.instant());
    assertThat(meters.get("gridwire.link.backlog").tag("link", "influx").gauge().value()).isEqualTo(1.0);
  }

  @Test
  void busDropsTotal_monotonicCounter_countsDeltasOnly() {
    LinkTelemetry t = new LinkTelemetry("l", "websocket", "ws://x", outbox, null, clock, meters, Duration.ofMinutes(1));
    t.busDropsTotal(5);
    t.busDropsTotal(5);
    t.busDropsTotal(7);
    assertThat(t.status().dropped()).isEqualTo(7);
  }
}
