package io.gridwire.web.auth;

import io.gridwire.core.user.Role;
import io.gridwire.core.user.User;
import io.gridwire.core.user.UserStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * User management for the CLI ({@code gridwire users add|list|passwd}) and first start. Blocking
 * (bcrypt, store); thread-safe.
 */
public final class UserAdmin {
  /** Email of a generated first admin when none is configured. */
  public static final String DEFAULT_ADMIN_EMAIL = "admin@gridwire.local";
  public static final int MIN_PASSWORD_LENGTH = 8;
  private final UserStore users;
  private final PasswordHasher hasher;
  private final Clock clock;

  public UserAdmin(UserStore users, PasswordHasher hasher, Clock clock) {
    this.users = users;
    this.hasher = hasher;
    this.clock = clock;
  }

  /**
   * Creates a user.
   *
   * @throws IllegalArgumentException for a malformed email, a short/long password, or a taken email
   */
  public User addUser(String email, String password, Role role) {
    String e = checkEmail(email);
    checkPassword(password);
    if (users.findByEmail(e).isPresent()) throw new IllegalArgumentException("user already exists: " + e);
    return users.create(new User(0, e, hasher.hash(password), role, clock.instant()));
  }

  public List<User> list() {
    return users.list();
  }

  /** @throws IllegalArgumentException for an unknown user or a bad password */
  public void setPassword(String email, String password) {
    checkPassword(password);
    User u = users.findByEmail(checkEmail(email))
        .orElseThrow(() -> new IllegalArgumentException("no such user: " + email));
    users.updatePassword(u.id(), hasher.hash(password));
  }

  /**
   * Makes sure an admin can sign in. Without users the admin is created from the given credentials
   * ({@code GRIDWIRE_ADMIN_EMAIL}, {@code GRIDWIRE_ADMIN_PASSWORD}); a missing password is generated
   * and returned once for the caller to print. When users exist but none is an admin, the
   * configured admin is created if both are given and that email is not taken; an existing account
   * is never changed. Otherwise the answer says what to do. There is never a built-in password.
   *
   * @param envEmail configured email, or null/blank for {@link #DEFAULT_ADMIN_EMAIL}
   * @param envPassword configured password, or null/blank to generate one
   */
  public FirstAdmin ensureFirstAdmin(String envEmail, String envPassword) {
    List<User> existing = users.list();
    boolean configured = envPassword != null && !envPassword.isBlank();
    String email = envEmail == null || envEmail.isBlank() ? DEFAULT_ADMIN_EMAIL : envEmail;
    if (existing.isEmpty()) {
      if (configured) return new FirstAdmin.FromConfiguration(addUser(email, envPassword, Role.ADMIN).email(), false);
      String generated = TokenCodec.newPassword();
      return new FirstAdmin.Generated(addUser(email, generated, Role.ADMIN).email(), generated);
    }
    if (existing.stream().anyMatch(u -> u.role() == Role.ADMIN)) return new FirstAdmin.Existing();
    String todo = "add one with: ./gridwire users add --email <email> --role admin";
    if (!configured) {
      return new FirstAdmin.NoAdmin("the gateway has " + existing.size() + " users but no admin, and "
          + "GRIDWIRE_ADMIN_EMAIL/GRIDWIRE_ADMIN_PASSWORD are not both set; nobody can manage it: " + todo);
    }
    String normalized = checkEmail(email);
    if (existing.stream().anyMatch(u -> u.email().equals(normalized))) {
      return new FirstAdmin.NoAdmin("the gateway has no admin, and GRIDWIRE_ADMIN_EMAIL " + normalized
          + " is an existing non-admin user, which is not changed from the environment: " + todo
          + " (another email), or set GRIDWIRE_ADMIN_EMAIL to an email not in use");
    }
    return new FirstAdmin.FromConfiguration(addUser(email, envPassword, Role.ADMIN).email(), true);
  }

  static String checkEmail(String email) {
    if (email == null) throw new IllegalArgumentException("email is required");
    String e = email.trim().toLowerCase(Locale.ROOT);
    if (e.length() > 254 || !e.matches("[^@\\s]+@[^@\\s]+")) throw new IllegalArgumentException("not an email address: '" + email + "'");
    return e;
  }

  static void checkPassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      throw new IllegalArgumentException("password must have at least " + MIN_PASSWORD_LENGTH + " characters");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_PASSWORD_BYTES) {
      throw new IllegalArgumentException("password must be at most " + PasswordHasher.MAX_PASSWORD_BYTES + " bytes");
    }
  }
}
