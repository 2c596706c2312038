package io.gridwire.web.auth;

import io.gridwire.core.user.Role;
import io.gridwire.core.user.User;
import io.gridwire.core.user.UserStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * User management for the CLI ({@code gridwire users add|list|passwd}), the users API and first
 * start. Never leaves the gateway without an admin: demoting or removing the last one is refused
 * ({@link LastAdmin}); changes that count admins are serialised on this instance. Blocking (bcrypt,
 * store); thread-safe.
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
    if (users.findByEmail(e).isPresent()) throw new Taken(e);
    try {
      return users.create(new User(0, e, hasher.hash(password), role, clock.instant()));
    } catch (IllegalStateException raced) {
      throw new Taken(e);
    }
  }

  /** The email is already a user's. */
  public static final class Taken extends IllegalArgumentException {
    Taken(String email) {
      super("user already exists: " + email);
    }
  }

  /** No user has this email. */
  public static final class Unknown extends IllegalArgumentException {
    Unknown(String email) {
      super("no such user: " + email);
    }
  }

  /** The change would leave the gateway without an admin. */
  public static final class LastAdmin extends IllegalArgumentException {
    LastAdmin(String email, String what) {
      super(email + " is the only admin and cannot be " + what + "; make another user admin first");
    }
  }

  /** The user with this email. @throws Unknown when there is none */
  public User find(String email) {
    String e = checkEmail(email);
    return users.findByEmail(e).orElseThrow(() -> new Unknown(e));
  }

  /** Changes a user's role. @throws Unknown, LastAdmin */
  public synchronized User setRole(String email, Role role) {
    User u = find(email);
    if (u.role() == role) return u;
    if (u.role() == Role.ADMIN && admins() <= 1) throw new LastAdmin(u.email(), "made " + role.wireName());
    if (!users.updateRole(u.id(), role)) throw new Unknown(u.email());
    return new User(u.id(), u.email(), u.passwordHash(), role, u.createdAt());
  }

  /**
   * Removes a user with its sessions and the device tokens it issued.
   *
   * @throws Unknown, LastAdmin
   */
  public synchronized User remove(String email) {
    User u = find(email);
    if (u.role() == Role.ADMIN && admins() <= 1) throw new LastAdmin(u.email(), "removed");
    if (!users.delete(u.id())) throw new Unknown(u.email());
    return u;
  }

  private long admins() {
    return users.list().stream().filter(x -> x.role() == Role.ADMIN).count();
  }

  public List<User> list() {
    return users.list();
  }

  /** @throws IllegalArgumentException for an unknown user ({@link Unknown}) or a bad password */
  public void setPassword(String email, String password) {
    checkPassword(password);
    User u = find(email);
    if (!users.updatePassword(u.id(), hasher.hash(password))) throw new Unknown(u.email());
  }

  /**
   * Sets a password and signs the user out everywhere except the session {@code keepTokenHash}
   * (the caller's own, when it resets its own password).
   *
   * @return sessions ended
   */
  public int resetPassword(String email, String password, String keepTokenHash) {
    setPassword(email, password);
    return users.deleteTokens(find(email).id(), Authenticator.SESSION, keepTokenHash);
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

  /** The normalised email. @throws IllegalArgumentException when it is not an email address */
  public static String checkEmail(String email) {
    if (email == null) throw new IllegalArgumentException("email is required");
    String e = email.trim().toLowerCase(Locale.ROOT);
    if (e.length() > 254 || !e.matches("[^@\\s]+@[^@\\s]+")) throw new IllegalArgumentException("not an email address: '" + email + "'");
    return e;
  }

  /** @throws IllegalArgumentException when the password is too short or too long */
  public static void checkPassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      throw new IllegalArgumentException("password must have at least " + MIN_PASSWORD_LENGTH + " characters");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_PASSWORD_BYTES) {
      throw new IllegalArgumentException("password must be at most " + PasswordHasher.MAX_PASSWORD_BYTES + " bytes");
    }
  }
}
