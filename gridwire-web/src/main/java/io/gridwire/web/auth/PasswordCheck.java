package io.gridwire.web.auth;

import io.gridwire.core.user.User;
import io.gridwire.core.user.UserStore;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * An email and password checked against the users, throttled by a {@link LoginThrottle}. An unknown
 * email costs a dummy bcrypt check and gets the same answer as a wrong password (constant time).
 * Thread-safe; blocking (store, bcrypt, and the account slowdown).
 */
public final class PasswordCheck {
  private final UserStore users;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final Pause pause;

  /** The outcome of a check. */
  public sealed interface Result {
    record Verified(User user) implements Result {}

    /** Unknown email or wrong password: the same answer for both. */
    record Invalid() implements Result {}

    /** Not checked: too many failures of this account from this address, or from this address. */
    record Throttled(Duration retryAfter) implements Result {}
  }

  public PasswordCheck(UserStore users, PasswordHasher hasher, LoginThrottle throttle, Pause pause) {
    this.users = users;
    this.hasher = hasher;
    this.throttle = throttle;
    this.pause = pause;
  }

  public Result check(String email, String password, String address) {
    String account = email.trim().toLowerCase(Locale.ROOT);
    switch (throttle.attempt(account, address)) {
      case LoginThrottle.Verdict.Wait w -> {
        return new Result.Throttled(w.retryAfter());
      }
      case LoginThrottle.Verdict.Go g -> slow(g.slowdown());
    }
    Optional<User> user = users.findByEmail(account);
    boolean ok;
    if (user.isPresent()) {
      ok = hasher.verify(password, user.get().passwordHash());
    } else {
      hasher.verifyDummy(password);
      ok = false;
    }
    if (!ok) return new Result.Invalid();
    throttle.succeeded(account, address);
    return new Result.Verified(user.get());
  }

  private void slow(Duration d) {
    try {
      pause.pause(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
