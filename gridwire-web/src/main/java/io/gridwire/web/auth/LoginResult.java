package io.gridwire.web.auth;

import io.gridwire.core.user.Role;
import java.time.Duration;
import java.time.Instant;

/** The outcome of a login attempt. */
public sealed interface LoginResult {
  /** @param token the bearer token, shown once; only its hash is stored */
  record Success(String token, Instant expiresAt, Role role) implements LoginResult {}

  /** Unknown email or wrong password: the same answer for both. */
  record Invalid() implements LoginResult {}

  /** Too many failures from this address. */
  record RateLimited(Duration retryAfter) implements LoginResult {}
}
