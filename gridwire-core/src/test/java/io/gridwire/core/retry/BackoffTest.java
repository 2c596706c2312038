package io.gridwire.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

  @Test
  void cap_doublesPerAttemptUpToMax() {
    assertThat(backoff.cap(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.cap(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.cap(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(backoff.cap(6)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.cap(0)).as("attempts below 1 count as the first").isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void cap_hugeAttempts_neverOverflows() {
    for (int attempt : new int[] {31, 40, 63, 64, 1000, Integer.MAX_VALUE}) {
      assertThat(backoff.cap(attempt)).isEqualTo(Duration.ofSeconds(30));
    }
    Backoff days = new Backoff(Duration.ofMillis(1), Duration.ofDays(3650));
    assertThat(days.cap(Integer.MAX_VALUE)).isEqualTo(Duration.ofDays(3650));
  }

  @Test
  void delay_isBetweenHalfAndCap() {
    assertThat(backoff.delay(1, 0.0)).isEqualTo(Duration.ofMillis(500));
    assertThat(backoff.delay(1, 0.999)).isBetween(Duration.ofMillis(990), Duration.ofSeconds(1));
    assertThat(backoff.delay(3, 1.0)).isEqualTo(Duration.ofSeconds(4));
    assertThat(backoff.delay(3, 7.0)).as("random clamped").isEqualTo(Duration.ofSeconds(4));
    assertThat(backoff.delay(10, 0.0)).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void attempts_failuresGrowUntilReset() {
    Backoff.Attempts a = backoff.attempts(new Random(7));
    Duration previousCap = Duration.ZERO;
    for (int n = 1; n <= 8; n++) {
      Duration d = a.next();
      Duration cap = backoff.cap(n);
      assertThat(d).isBetween(cap.dividedBy(2), cap);
      assertThat(cap).isGreaterThanOrEqualTo(previousCap);
      previousCap = cap;
    }
    assertThat(a.failures()).isEqualTo(8);
    a.reset();
    assertThat(a.failures()).isZero();
    assertThat(a.next()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
  }

  @Test
  void constructor_badBounds_rejectedWithTheValues() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).hasMessageContaining("positive");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1))).hasMessageContaining("PT1S");
  }
}
