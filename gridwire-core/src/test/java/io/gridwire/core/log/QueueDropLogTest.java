package io.gridwire.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.port.QueueBounds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueDropLogTest {
  private final List<String> lines = new ArrayList<>();
  private final RateLimitedLogTest.ManualClock clock = new RateLimitedLogTest.ManualClock();
  private final QueueDropLog drops = new QueueDropLog("outbox-cloud.db/outbox",
      new QueueBounds(100, 1 << 20, "uplink.outbox_max_messages or uplink.outbox_max_bytes"), clock,
      RateLimitedLogTest.capturing(lines));

  @Test
  void full_repeatedWithinAMinute_oneLineThenTheSumOfWhatWasDroppedSince() {
    drops.full(3);
    clock.advance(Duration.ofSeconds(20));
    drops.full(5);
    drops.full(0);
    clock.advance(Duration.ofSeconds(40));
    drops.full(1);

    assertThat(lines).containsExactly(
        "queue outbox-cloud.db/outbox full (100 entries / 1048576 bytes): dropped the oldest 3 entries; its receiver"
            + " is unreachable or slower than the input: restore it, or raise uplink.outbox_max_messages or"
            + " uplink.outbox_max_bytes",
        "queue outbox-cloud.db/outbox full (100 entries / 1048576 bytes): dropped the oldest 6 entries; its receiver"
            + " is unreachable or slower than the input: restore it, or raise uplink.outbox_max_messages or"
            + " uplink.outbox_max_bytes");
  }

  @Test
  void expired_isLimitedApartFromFull() {
    drops.full(2);
    drops.expired(1);
    drops.expired(0);

    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).isEqualTo("queue outbox-cloud.db/outbox: dropped 1 entry past the age bound; its receiver"
        + " has been unreachable that long: restore it, or raise uplink.outbox_max_messages or uplink.outbox_max_bytes");
  }
}
