package io.gridwire.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.testkit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  final ManualClock clock = ManualClock.at("2025-01-01T00:00:00Z");
  final LoginThrottle throttle = new LoginThrottle(clock, ThrottlePolicy.of(100, 5));

  @Test
  void attempt_repeatedFailuresOfOnePair_delaysDoubleToCap() {
    for (int i = 0; i < 3; i++) assertThat(throttle.attempt("u", "A")).isInstanceOf(LoginThrottle.Verdict.Go.class);
    long[] expected = {1, 2, 4, 8, 16, 32, 60, 60};
    for (long seconds : expected) {
      assertThat(throttle.attempt("u", "A")).isEqualTo(new LoginThrottle.Verdict.Wait(Duration.ofSeconds(seconds)));
      clock.advance(Duration.ofSeconds(seconds));
      assertThat(throttle.attempt("u", "A")).isInstanceOf(LoginThrottle.Verdict.Go.class);
    }
  }

  @Test
  void attempt_pairDelayed_sameAccountFromOtherAddressGoesOn() {
    for (int i = 0; i < 10; i++) throttle.attempt("u", "A");
    assertThat(throttle.attempt("u", "A")).isInstanceOf(LoginThrottle.Verdict.Wait.class);
    assertThat(throttle.attempt("u", "B")).isInstanceOf(LoginThrottle.Verdict.Go.class);
  }

  @Test
  void attempt_accountAttackedFromManyAddresses_slowedCappedNeverRefused() {
    for (int i = 0; i < 200; i++) assertThat(throttle.attempt("u", "10.0.0." + i)).isInstanceOf(LoginThrottle.Verdict.Go.class);
    LoginThrottle.Verdict v = throttle.attempt("u", "192.0.2.1");
    assertThat(v).isEqualTo(new LoginThrottle.Verdict.Go(Duration.ofSeconds(4)));
  }

  @Test
  void attempt_accountSlowdown_growsFromItsLimit() {
    for (int i = 0; i < 5; i++) assertThat(throttle.attempt("u", "a" + i)).isEqualTo(new LoginThrottle.Verdict.Go(Duration.ZERO));
    assertThat(throttle.attempt("u", "b")).isEqualTo(new LoginThrottle.Verdict.Go(Duration.ofSeconds(1)));
    assertThat(throttle.attempt("u", "c")).isEqualTo(new LoginThrottle.Verdict.Go(Duration.ofSeconds(2)));
    assertThat(throttle.attempt("u", "d")).isEqualTo(new LoginThrottle.Verdict.Go(Duration.ofSeconds(4)));
    assertThat(throttle.attempt("u", "e")).isEqualTo(new LoginThrottle.Verdict.Go(Duration.ofSeconds(4)));
    clock.advance(Duration.ofMinutes(1));
    assertThat(throttle.attempt("u", "f")).isEqualTo(new LoginThrottle.Verdict.Go(Duration.ZERO));
  }

  @Test
  void attempt_addressOverItsLimitAcrossAccounts_waitsUntilOldestLeavesMinute() {
    LoginThrottle t = new LoginThrottle(clock, ThrottlePolicy.of(3, 5));
    t.attempt("a", "A");
    clock.advance(Duration.ofSeconds(10));
    t.attempt("b", "A");
    t.attempt(null, "A");
    assertThat(t.attempt("c", "A")).isEqualTo(new LoginThrottle.Verdict.Wait(Duration.ofSeconds(50)));
    assertThat(t.attempt("c", "B")).isInstanceOf(LoginThrottle.Verdict.Go.class);
    clock.advance(Duration.ofSeconds(50));
    assertThat(t.attempt("c", "A")).isInstanceOf(LoginThrottle.Verdict.Go.class);
  }

  @Test
  void succeeded_afterFailures_pairStartsAfresh() {
    for (int i = 0; i < 3; i++) throttle.attempt("u", "A");
    clock.advance(Duration.ofSeconds(1));
    throttle.attempt("u", "A");
    throttle.succeeded("u", "A");
    for (int i = 0; i < 3; i++) assertThat(throttle.attempt("u", "A")).isInstanceOf(LoginThrottle.Verdict.Go.class);
  }

  @Test
  void attempt_pairIdleFifteenMinutes_forgotten() {
    for (int i = 0; i < 8; i++) throttle.attempt("u", "A");
    clock.advance(Duration.ofMinutes(16));
    for (int i = 0; i < 3; i++) assertThat(throttle.attempt("u", "A")).isInstanceOf(LoginThrottle.Verdict.Go.class);
  }

  @Test
  void attempt_manyDistinctKeys_tablesStayBounded() {
    LoginThrottle t = new LoginThrottle(clock, new ThrottlePolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(60), 10, 5,
        Duration.ofSeconds(4), 1000));
    for (int i = 0; i < 50_000; i++) t.attempt("user" + i + "@example.com", "10." + (i >> 16) + "." + (i >> 8 & 255) + "." + (i & 255));
    assertThat(t.sizes()).containsExactly(1000, 1000, 1000);
  }
}
