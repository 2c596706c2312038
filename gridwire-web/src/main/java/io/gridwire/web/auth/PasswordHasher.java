package io.gridwire.web.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt password hashing. Thread-safe; {@link #hash} and {@link #verify} are deliberately slow
 * (cost 11 ≈ 0.1–0.2 s on this machine kind), so call them on a virtual thread, never on a bus
 * thread.
 */
public final class PasswordHasher {
  /** bcrypt reads at most 72 bytes of a password. */
  public static final int MAX_PASSWORD_BYTES = 72;
  private final int cost;
  private final String dummyHash;

  /** @param cost bcrypt cost factor 4..31 */
  public PasswordHasher(int cost) {
    if (cost < 4 || cost > 31) throw new IllegalArgumentException("bcrypt cost out of range 4..31: " + cost);
    this.cost = cost;
    this.dummyHash = hash("gridwire-dummy-password-for-timing");
  }

  public String hash(String password) {
    return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
  }

  /** Constant-time check of a password against a bcrypt hash; false for a malformed hash. */
  public boolean verify(String password, String hash) {
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) return false;
    try {
      return BCrypt.verifyer().verify(password.toCharArray(), hash.toCharArray()).verified;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Spends the same time as a real check, so an unknown email is not told apart by timing. */
  public void verifyDummy(String password) {
    verify(password, dummyHash);
  }
}
