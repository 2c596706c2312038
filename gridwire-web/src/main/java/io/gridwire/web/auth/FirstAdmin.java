package io.gridwire.web.auth;

/** What {@link UserAdmin#ensureFirstAdmin} did. */
public sealed interface FirstAdmin {
  /** Users already existed; nothing created. */
  record Existing() implements FirstAdmin {}

  /** Created from configured credentials. */
  record FromConfiguration(String email) implements FirstAdmin {}

  /** Created with a random password: print it once, it is not stored in clear anywhere. */
  record Generated(String email, String password) implements FirstAdmin {}
}
