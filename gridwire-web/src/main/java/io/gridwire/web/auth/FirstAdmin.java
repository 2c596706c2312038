package io.gridwire.web.auth;

/** What {@link UserAdmin#ensureFirstAdmin} did. */
public sealed interface FirstAdmin {
  /** An admin already exists; nothing created. */
  record Existing() implements FirstAdmin {}

  /**
   * Created from configured credentials.
   *
   * @param besideUsers whether other users (none of them an admin) existed already
   */
  record FromConfiguration(String email, boolean besideUsers) implements FirstAdmin {}

  /** Created with a random password: print it once, it is not stored in clear anywhere. */
  record Generated(String email, String password) implements FirstAdmin {}

  /** Users exist but none is an admin, and none could be created safely: log {@code advice} as a WARN. */
  record NoAdmin(String advice) implements FirstAdmin {}
}
