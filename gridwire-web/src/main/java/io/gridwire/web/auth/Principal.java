package io.gridwire.web.auth;

import io.gridwire.core.user.Role;
import io.gridwire.core.user.User;
import java.time.Instant;

/**
 * An authenticated caller.
 *
 * @param user the user
 * @param tokenHash hash of the bearer token presented
 * @param expiresAt when that token expires
 */
public record Principal(User user, String tokenHash, Instant expiresAt) {
  public boolean admin() {
    return user.role() == Role.ADMIN;
  }

  /** Whether this caller may use a route needing {@code required}. */
  public boolean allows(Role required) {
    return user.role().covers(required);
  }
}
