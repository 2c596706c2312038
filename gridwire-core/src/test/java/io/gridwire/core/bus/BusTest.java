package io.gridwire.core.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BusTest {
  record Item(String key, int seq) {}

  @Test
  void publish_deliversInOrderToEverySubscriber() throws Exception {
    try (Bus<Item> bus = new Bus<>("t", Item::key)) {
      List<Item> a = new CopyOnWriteArrayList<>();
      List<Item> b = new CopyOnWriteArrayList<>();
      bus.subscribe("a", SubscriberOptions.live(), a::add);
      bus.subscribe("b", SubscriberOptions.durable(10_000), b::add);
      for (int i = 0; i < 5000; i++) bus.publish(new Item("d" + (i % 7), i));
      assertThat(bus.awaitDrained(Duration.ofSeconds(10))).isTrue();
      assertThat(a).hasSize(5000).isEqualTo(b);
      for (int i = 0; i < 5000; i++) assertThat(a.get(i).seq()).isEqualTo(i);
    }
  }

  @Test
  void stalledSubscriber_neverBlocksPublishOrOthers_andCoalescesPerKey() throws Exception {
    try (Bus<Item> bus = new Bus<>("t", Item::key)) {
      CountDownLatch release = new CountDownLatch(1);
      List<Item> slow = new CopyOnWriteArrayList<>();
      java.util.concurrent.atomic.AtomicInteger fast = new java.util.concurrent.atomic.AtomicInteger();
      Subscription stalled = bus.subscribe("stalled", new SubscriberOptions(4, Overflow.COALESCE, 3, 16), item -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        slow.add(item);
      });
      Subscription healthy = bus.subscribe("fast", SubscriberOptions.durable(200_000), item -> fast.incrementAndGet());
      // 100k items through a subscriber whose handler is blocked: publish must not wait for it.
      for (int i = 0; i < 100_000; i++) bus.publish(new Item("d" + (i % 5), i));
      assertThat(healthy.awaitDrained(Duration.ofSeconds(20))).isTrue();
      assertThat(fast.get()).isEqualTo(100_000);

      SubscriberStats s = stalled.stats();
      assertThat(s.queued()).isLessThanOrEqualTo(4 + 3);
      assertThat(s.dropped() + s.coalesced()).isGreaterThan(99_000);
      assertThat(s.dropped()).as("keys beyond the coalescing table are dropped and counted").isPositive();

      release.countDown();
      assertThat(stalled.awaitDrained(Duration.ofSeconds(10))).isTrue();
      // The coalesced items are the newest of their keys, delivered after the queued ones.
      Item last = slow.get(slow.size() - 1);
      assertThat(last.seq()).isGreaterThan(99_000);
      for (int i = 1; i < slow.size(); i++) {
        Item prev = slow.get(i - 1);
        Item cur = slow.get(i);
        if (prev.key().equals(cur.key())) assertThat(cur.seq()).isGreaterThan(prev.seq());
      }
    }
  }

  /** A stalled live subscriber of partial readings (OIG tables, change deltas) keeps every value. */
  @Test
  void stalledSubscriber_partialReadings_coalesceByMergingValues() throws Exception {
    java.time.Instant t0 = java.time.Instant.parse("2026-12-06T00:00:00Z");
    try (Bus<Reading> bus = new Bus<>("t", Reading::deviceId, Reading::estimatedBytes, Reading::merge)) {
      CountDownLatch release = new CountDownLatch(1);
      List<Reading> got = new CopyOnWriteArrayList<>();
      Subscription stalled = bus.subscribe("stalled", new SubscriberOptions(1, Overflow.COALESCE, 10, 16), r -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        got.add(r);
      });
      bus.publish(Reading.of("box", t0, t0, Map.of("first", Value.of(0))));
      await().atMost(Duration.ofSeconds(5)).until(() -> stalled.stats().queued() == 0); // taken by the blocked handler
      bus.publish(Reading.of("box", t0, t0, Map.of("queued", Value.of(1)))); // fills the queue of 1
      // three partial readings of one device while the queue is full: one waiting item, merged
      bus.publish(Reading.of("box", t0.plusSeconds(1), t0.plusSeconds(1), Map.of("batt_soc", Value.of(50), "pv_w", Value.of(1))));
      bus.publish(Reading.of("box", t0.plusSeconds(2), t0.plusSeconds(2), Map.of("grid_w", Value.of(-300))));
      bus.publish(Reading.of("box", t0.plusSeconds(3), t0.plusSeconds(3), Map.of("pv_w", Value.of(2))));
      assertThat(stalled.stats().coalesced()).isEqualTo(2);
      release.countDown();
      assertThat(stalled.awaitDrained(Duration.ofSeconds(10))).isTrue();
      assertThat(got).hasSize(3);
      Reading merged = got.get(2);
      assertThat(merged.timestamp()).isEqualTo(t0.plusSeconds(3));
      assertThat(merged.values()).containsOnlyKeys("batt_soc", "pv_w", "grid_w");
      assertThat(merged.values().get("pv_w")).as("the newer value of a metric both held").isEqualTo(Value.of(2));
      assertThat(stalled.stats().dropped()).isZero();
    }
  }

  @Test
  void dropPolicy_countsEveryDroppedItem() throws Exception {
    try (Bus<Item> bus = new Bus<>("t", Item::key)) {
      CountDownLatch release = new CountDownLatch(1);
      Subscription sub = bus.subscribe("s", new SubscriberOptions(10, Overflow.DROP, 1, 10), item -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      for (int i = 0; i < 1000; i++) bus.publish(new Item("k", i));
      release.countDown();
      assertThat(sub.awaitDrained(Duration.ofSeconds(10))).isTrue();
      SubscriberStats s = sub.stats();
      assertThat(s.delivered() + s.dropped()).isEqualTo(1000);
      assertThat(s.dropped()).isGreaterThanOrEqualTo(1000 - 20);
    }
  }

  @Test
  void failingHandler_isCountedAndDeliveryContinues() throws Exception {
    try (Bus<Item> bus = new Bus<>("t", Item::key)) {
      List<Item> got = new CopyOnWriteArrayList<>();
      Subscription sub = bus.subscribe("s", new SubscriberOptions(100, Overflow.DROP, 1, 1), item -> {
        if (item.seq() == 1) throw new IllegalStateException("boom");
        got.add(item);
      });
      for (int i = 0; i < 3; i++) bus.publish(new Item("k", i));
      await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 2);
      assertThat(sub.stats().failures()).isEqualTo(1);
    }
  }

  @Test
  void close_stopsDelivery() throws Exception {
    Bus<Item> bus = new Bus<>("t", Item::key);
    List<Item> got = new CopyOnWriteArrayList<>();
    Subscription sub = bus.subscribe("s", SubscriberOptions.live(), got::add);
    sub.close();
    bus.publish(new Item("k", 1));
    Thread.sleep(100);
    assertThat(got).isEmpty();
    assertThat(bus.stats()).isEmpty();
    bus.close();
  }
}
