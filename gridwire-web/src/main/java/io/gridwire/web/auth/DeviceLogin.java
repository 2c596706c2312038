package io.gridwire.web.auth;

import io.gridwire.core.user.DeviceCredentials;
import io.gridwire.core.user.Token;
import io.gridwire.core.user.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The gateway's {@link DeviceCredentials}: the users' bcrypt passwords through a {@link
 * PasswordCheck} and device tokens, with a {@link LoginThrottle} of its own (device logins do not
 * use up the dashboard's login budget). Thread-safe; blocking (store, bcrypt).
 */
public final class DeviceLogin implements DeviceCredentials {
  private final UserStore users;
  private final PasswordCheck passwords;
  private final LoginThrottle throttle;
  private final Clock clock;

  /** @param throttle the one behind {@code passwords}; token and malformed attempts count per address */
  public DeviceLogin(UserStore users, PasswordCheck passwords, LoginThrottle throttle, Clock clock) {
    this.users = users;
    this.passwords = passwords;
    this.throttle = throttle;
    this.clock = clock;
  }

  /**
   * Device logins over {@code users}: bcrypt at {@code bcryptCost} (4..31), at most {@code
   * addressFailuresPerMinute} failures per client address and {@code accountFailuresPerMinute} per
   * account before answers are late (see {@link ThrottlePolicy}).
   */
  public static DeviceLogin of(UserStore users, int bcryptCost, Clock clock, int addressFailuresPerMinute,
      int accountFailuresPerMinute) {
    LoginThrottle throttle = new LoginThrottle(clock, ThrottlePolicy.of(addressFailuresPerMinute, accountFailuresPerMinute));
    PasswordCheck passwords = new PasswordCheck(users, new PasswordHasher(bcryptCost), throttle, Pause.SLEEP);
    return new DeviceLogin(users, passwords, throttle, clock);
  }

  @Override
  public PasswordVerdict password(String email, String password, String address) {
    return switch (passwords.check(email, password, address)) {
      case PasswordCheck.Result.Verified v -> new PasswordVerdict.Verified(v.user());
      case PasswordCheck.Result.Invalid i -> new PasswordVerdict.Invalid();
      case PasswordCheck.Result.Throttled t -> new PasswordVerdict.Throttled(t.retryAfter());
    };
  }

  @Override
  public Optional<Duration> attempt(String address) {
    return throttle.attempt(null, address) instanceof LoginThrottle.Verdict.Wait w ? Optional.of(w.retryAfter())
        : Optional.empty();
  }

  @Override
  public void succeeded(String address) {
    throttle.succeeded(null, address);
  }

  @Override
  public Optional<Token> deviceToken(String token) {
    return Authenticator.deviceToken(users, clock, token);
  }
}
