package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.notify.DeliveryQueue;
import io.gridwire.testkit.ManualClock;
import io.gridwire.uplink.outbox.OutboxBounds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueDeliveryQueueTest {
  @TempDir Path dir;
  private final ManualClock clock = ManualClock.at("2026-01-01T00:00:00Z");
  private final OutboxBounds bounds = new OutboxBounds(3, 1 << 20, Duration.ofDays(1));

  private QueueDeliveryQueue open() {
    return new QueueDeliveryQueue(QueueFiles.notification(dir, "webhook-ops", bounds), bounds, clock);
  }

  @Test
  void queue_reopened_keepsUndeliveredInOrder() {
    try (QueueDeliveryQueue q = open()) {
      q.append(List.of("a", "b", "c"));
      q.delete(q.peek(1).get(0).seq());
    }
    try (QueueDeliveryQueue q = open()) {
      assertThat(q.peek(10)).extracting(DeliveryQueue.Entry::body).containsExactly("b", "c");
      assertThat(q.size()).isEqualTo(2);
    }
  }

  @Test
  void append_beyondBound_dropsOldestAndSaysHowMany() {
    try (QueueDeliveryQueue q = open()) {
      assertThat(q.append(List.of("a", "b", "c", "d", "e"))).isEqualTo(2);
      assertThat(q.peek(10)).extracting(DeliveryQueue.Entry::body).containsExactly("c", "d", "e");
      assertThat(q.bound()).isEqualTo("3 messages, 1 MiB, 1d");
    }
  }

  @Test
  void append_afterMaxAge_expiresOlderEntries() {
    try (QueueDeliveryQueue q = open()) {
      q.append(List.of("old"));
      clock.advance(Duration.ofDays(2));
      assertThat(q.append(List.of("new"))).isEqualTo(1);
      assertThat(q.peek(10)).extracting(DeliveryQueue.Entry::body).containsExactly("new");
    }
  }
}
