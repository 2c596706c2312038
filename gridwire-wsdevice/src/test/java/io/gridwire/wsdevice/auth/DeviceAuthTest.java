package io.gridwire.wsdevice.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.user.Role;
import io.gridwire.testkit.ManualClock;
import io.gridwire.testkit.store.InMemoryUserStore;
import io.gridwire.web.auth.DeviceLogin;
import io.gridwire.web.auth.LoginThrottle;
import io.gridwire.web.auth.PasswordCheck;
import io.gridwire.web.auth.PasswordHasher;
import io.gridwire.web.auth.ThrottlePolicy;
import io.gridwire.web.auth.UserAdmin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceAuthTest {
  static final String LOGIN = "{\"email\":\"dev@example.com\",\"password\":\"%s\"}";
  final ManualClock clock = ManualClock.at("2025-01-01T00:00:00Z");
  final InMemoryUserStore users = new InMemoryUserStore();
  final PasswordHasher hasher = new PasswordHasher(4);
  final LoginThrottle throttle = new LoginThrottle(clock, ThrottlePolicy.of(10, 5));
  final List<Duration> pauses = new ArrayList<>();
  final PasswordCheck passwords = new PasswordCheck(users, hasher, throttle, pauses::add);
  final DeviceAuth auth = new DeviceAuth(users, new DeviceLogin(users, passwords, throttle, clock));

  DeviceAuthTest() {
    new UserAdmin(users, hasher, clock).addUser("dev@example.com", "right password", Role.VIEWER);
  }

  @Test
  void check_fiveWrongPasswordsFromA_rightPasswordFromBAuthenticated() {
    for (int refused = 0; refused < 5; ) {
      switch (auth.check(LOGIN.formatted("wrong" + refused), "d1", "192.0.2.1")) {
        case DeviceAuth.Outcome.RateLimited r -> clock.advance(r.retryAfter());
        case DeviceAuth.Outcome.Refused r -> refused++;
        case DeviceAuth.Outcome.Authenticated a -> throw new AssertionError("a wrong password was accepted");
      }
    }
    assertThat(auth.check(LOGIN.formatted("right password"), "d1", "192.0.2.1"))
        .isInstanceOf(DeviceAuth.Outcome.RateLimited.class);
    assertThat(auth.check(LOGIN.formatted("right password"), "d1", "192.0.2.2"))
        .isEqualTo(new DeviceAuth.Outcome.Authenticated("dev@example.com", "password"));
  }

  @Test
  void check_badTokensFromOneAddress_limitedThereOnly() {
    for (int i = 0; i < 10; i++) auth.check("{\"token\":\"t" + i + "\"}", "d1", "192.0.2.1");
    assertThat(auth.check("{\"token\":\"t\"}", "d1", "192.0.2.1")).isInstanceOf(DeviceAuth.Outcome.RateLimited.class);
    assertThat(auth.check(LOGIN.formatted("right password"), "d1", "192.0.2.2"))
        .isInstanceOf(DeviceAuth.Outcome.Authenticated.class);
  }
}
