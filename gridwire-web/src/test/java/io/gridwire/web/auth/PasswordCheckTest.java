package io.gridwire.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.user.Role;
import io.gridwire.testkit.ManualClock;
import io.gridwire.testkit.store.InMemoryUserStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PasswordCheckTest {
  static final String EMAIL = "owner@example.com";
  static final String PASSWORD = "correct horse battery";
  final ManualClock clock = ManualClock.at("2025-01-01T00:00:00Z");
  final InMemoryUserStore users = new InMemoryUserStore();
  final PasswordHasher hasher = new PasswordHasher(4);
  final List<Duration> pauses = new CopyOnWriteArrayList<>();
  final Authenticator auth = new Authenticator(users,
      new PasswordCheck(users, hasher, new LoginThrottle(clock, ThrottlePolicy.of(10, 5)), pauses::add), clock,
      Duration.ofHours(1));

  PasswordCheckTest() {
    new UserAdmin(users, hasher, clock).addUser(EMAIL, PASSWORD, Role.VIEWER);
  }

  /** Fails {@code n} logins (really checked) from one address, waiting out each delay. */
  void fail(int n, String address) {
    for (int failed = 0; failed < n; ) {
      switch (auth.login(EMAIL, "guess" + failed, address)) {
        case LoginResult.RateLimited r -> clock.advance(r.retryAfter());
        case LoginResult.Invalid i -> failed++;
        case LoginResult.Success s -> throw new AssertionError("a guess succeeded");
      }
    }
  }

  @Test
  void login_tenFailuresFromOneAddress_rightfulUserFromAnotherGetsIn() {
    fail(10, "203.0.113.9");
    assertThat(auth.login(EMAIL, PASSWORD, "203.0.113.9")).isInstanceOf(LoginResult.RateLimited.class);
    assertThat(auth.login(EMAIL, PASSWORD, "198.51.100.7")).isInstanceOf(LoginResult.Success.class);
  }

  @Test
  void login_accountAttackedFromManyAddresses_rightPasswordSlowedButSucceeds() {
    for (int i = 0; i < 30; i++) auth.login(EMAIL, "guess", "10.0.0." + i);
    assertThat(auth.login(EMAIL, PASSWORD, "198.51.100.7")).isInstanceOf(LoginResult.Success.class);
    assertThat(pauses).last().isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void login_wrongPasswordsThenRight_firstFewFreeThenDelayed() {
    for (int i = 0; i < 3; i++) assertThat(auth.login(EMAIL, "guess", "A")).isInstanceOf(LoginResult.Invalid.class);
    assertThat(auth.login(EMAIL, PASSWORD, "A")).isEqualTo(new LoginResult.RateLimited(Duration.ofSeconds(1)));
    clock.advance(Duration.ofSeconds(1));
    assertThat(auth.login(EMAIL, PASSWORD, "A")).isInstanceOf(LoginResult.Success.class);
  }

  @Test
  void login_unknownEmail_sameAnswerAsWrongPasswordAndThrottledAlike() {
    assertThat(auth.login("nobody@example.com", "x", "A")).isEqualTo(auth.login(EMAIL, "x", "A"));
    for (int i = 0; i < 2; i++) auth.login("nobody@example.com", "x", "A");
    assertThat(auth.login("nobody@example.com", "x", "A")).isInstanceOf(LoginResult.RateLimited.class);
  }
}
