package io.gridwire.core.user;

import java.time.Instant;
import java.util.Objects;

/**
 * A user of the API and dashboard.
 *
 * @param id store-assigned id (0 before creation)
 * @param email unique, lower-cased
 * @param passwordHash adaptive hash (bcrypt), never the password
 * @param role role
 * @param createdAt creation time
 */
public record User(long id, String email, String passwordHash, Role role, Instant createdAt) {
  public User {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(role, "role");
    email = email.trim().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public String toString() {
    return "User[id=" + id + ", email=" + email + ", role=" + role.wireName() + "]";
  }
}
