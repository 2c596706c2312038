package io.gridwire.uplink.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void next_repeatedFailures_doublesWithinJitterUpToCapForever() {
    Backoff b = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5), new Random(42));
    long[] base = {5, 10, 20, 40, 80, 160, 300, 300};
    for (long s : base) {
      assertThat(b.next().toMillis()).isBetween((long) (s * 800), Math.min(300_000, (long) (s * 1200)));
    }
    for (int i = 0; i < 1000; i++) assertThat(b.next()).isLessThanOrEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void reset_afterSuccess_startsFromInitial() {
    Backoff b = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5), new Random(1));
    for (int i = 0; i < 10; i++) b.next();
    b.reset();
    assertThat(b.next().toMillis()).isBetween(4000L, 6000L);
  }
}
