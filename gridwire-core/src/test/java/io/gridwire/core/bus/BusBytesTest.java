package io.gridwire.core.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BusBytesTest {
  record Item(String key, int bytes) {}

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void dropQueue_fullInBytesBeforeCount_dropsAndCountsTheRest() throws Exception {
    try (Bus<Item> bus = new Bus<>("t", Item::key, Item::bytes)) {
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch first = new CountDownLatch(1);
      Subscription sub = bus.subscribe("s", new SubscriberOptions(1000, Overflow.DROP, 1, 1, 10_000), item -> {
        first.countDown();
        await(release);
      });
      bus.publish(new Item("k", 1000));
      first.await();
      for (int i = 0; i < 100; i++) bus.publish(new Item("k", 1000));
      SubscriberStats s = sub.stats();
      assertThat(s.queued()).isEqualTo(10);
      assertThat(s.queuedBytes()).isEqualTo(10_000);
      assertThat(s.dropped()).isEqualTo(90);
      release.countDown();
      assertThat(sub.awaitDrained(Duration.ofSeconds(10))).isTrue();
      assertThat(sub.stats().queuedBytes()).isZero();
    }
  }

  @Test
  void coalescingTable_boundedInBytes_replacementsStillLand() throws Exception {
    try (Bus<Item> bus = new Bus<>("t", Item::key, Item::bytes)) {
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch first = new CountDownLatch(1);
      Subscription sub = bus.subscribe("s", new SubscriberOptions(2, Overflow.COALESCE, 1000, 1, 5_000), item -> {
        first.countDown();
        await(release);
      });
      bus.publish(new Item("x", 1000));
      first.await();
      for (int i = 0; i < 50; i++) bus.publish(new Item("d" + i, 1000));
      SubscriberStats s = sub.stats();
      assertThat(s.queuedBytes()).isLessThanOrEqualTo(5_000);
      assertThat(s.queued()).isEqualTo(5);
      assertThat(s.dropped()).isEqualTo(45);
      bus.publish(new Item("d4", 1000));
      assertThat(sub.stats().coalesced()).as("a newer item of a waiting key replaces it").isEqualTo(1);
      release.countDown();
      assertThat(sub.awaitDrained(Duration.ofSeconds(10))).isTrue();
      assertThat(sub.stats().queuedBytes()).isZero();
    }
  }

  @Test
  void oneItemLargerThanTheBound_stillPassesAnEmptyQueue() throws Exception {
    try (Bus<Item> bus = new Bus<>("t", Item::key, Item::bytes)) {
      java.util.concurrent.atomic.AtomicInteger got = new java.util.concurrent.atomic.AtomicInteger();
      Subscription sub = bus.subscribe("s", new SubscriberOptions(10, Overflow.DROP, 1, 1, 100), item -> got.incrementAndGet());
      bus.publish(new Item("k", 5000));
      assertThat(sub.awaitDrained(Duration.ofSeconds(5))).isTrue();
      assertThat(got.get()).isEqualTo(1);
    }
  }
}
