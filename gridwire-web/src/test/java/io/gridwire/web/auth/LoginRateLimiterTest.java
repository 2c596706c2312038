package io.gridwire.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.testkit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginRateLimiterTest {
  final ManualClock clock = ManualClock.at("2025-01-01T00:00:00Z");
  final LoginRateLimiter limiter = new LoginRateLimiter(clock, 3, 2);

  @Test
  void retryAfter_limitReached_waitsUntilOldestFailureLeavesWindow() {
    limiter.failed("a");
    clock.advance(Duration.ofSeconds(10));
    limiter.failed("a");
    limiter.failed("a");
    assertThat(limiter.retryAfter("a")).isEqualTo(Duration.ofSeconds(50));
    assertThat(limiter.retryAfter("b")).isZero();
    clock.advance(Duration.ofSeconds(50));
    assertThat(limiter.retryAfter("a")).isZero();
  }

  @Test
  void retryAfter_tooManyAddresses_staleOnesPurgedFirst() {
    limiter.failed("a");
    limiter.failed("b");
    assertThat(limiter.retryAfter("c")).isEqualTo(Duration.ofMinutes(1));
    clock.advance(Duration.ofMinutes(2));
    assertThat(limiter.retryAfter("c")).isZero();
  }
}
