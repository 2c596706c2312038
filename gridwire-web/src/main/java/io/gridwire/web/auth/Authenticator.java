package io.gridwire.web.auth;

import io.gridwire.core.user.Token;
import io.gridwire.core.user.User;
import io.gridwire.core.user.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Logins, session tokens and device tokens over a {@link UserStore}. Tokens are opaque random
 * strings; the store keeps only their SHA-256. Thread-safe; blocking (store I/O, bcrypt).
 */
public final class Authenticator {
  public static final String SESSION = "session";
  public static final String DEVICE = "device";
  private final UserStore users;
  private final PasswordCheck passwords;
  private final Clock clock;
  private final Duration tokenTtl;

  public Authenticator(UserStore users, PasswordCheck passwords, Clock clock, Duration tokenTtl) {
    this.users = users;
    this.passwords = passwords;
    this.clock = clock;
    this.tokenTtl = tokenTtl;
  }

  /**
   * Checks credentials (throttled, see {@link PasswordCheck}); the same {@link LoginResult.Invalid}
   * for unknown email and wrong password.
   */
  public LoginResult login(String email, String password, String address) {
    return switch (passwords.check(email, password, address)) {
      case PasswordCheck.Result.Invalid i -> new LoginResult.Invalid();
      case PasswordCheck.Result.Throttled t -> new LoginResult.RateLimited(t.retryAfter());
      case PasswordCheck.Result.Verified v -> session(v.user());
    };
  }

  private LoginResult session(User user) {
    Instant now = clock.instant();
    String token = TokenCodec.newToken();
    Instant expires = now.plus(tokenTtl);
    users.saveToken(new Token(TokenCodec.hash(token), user.id(), SESSION, null, now, expires));
    return new LoginResult.Success(token, expires, user.role());
  }

  /** The caller behind a session token, if it is known, unexpired and its user exists. */
  public Optional<Principal> authenticate(String token) {
    if (token == null || token.isEmpty() || token.length() > 256) return Optional.empty();
    String hash = TokenCodec.hash(token);
    Optional<Token> t = users.findToken(hash);
    if (t.isEmpty() || !SESSION.equals(t.get().kind()) || t.get().expired(clock.instant())) return Optional.empty();
    return users.findById(t.get().userId()).map(u -> new Principal(u, hash, t.get().expiresAt()));
  }

  /** Revokes the token of a session. */
  public void logout(Principal principal) {
    users.deleteToken(principal.tokenHash());
  }

  /**
   * Issues a token a device presents to push data (WebSocket device endpoint).
   *
   * @param deviceId the device the token is for
   * @param issuedBy the admin issuing it (owner of the token)
   * @param ttl lifetime, or null for no expiry
   */
  public IssuedToken issueDeviceToken(String deviceId, User issuedBy, Duration ttl) {
    Instant now = clock.instant();
    String token = TokenCodec.newToken();
    Instant expires = ttl == null ? null : now.plus(ttl);
    users.saveToken(new Token(TokenCodec.hash(token), issuedBy.id(), DEVICE, deviceId, now, expires));
    return new IssuedToken(token, deviceId, expires);
  }

  /**
   * Deletes expired tokens from the store; the web server calls it hourly.
   *
   * @return tokens deleted
   */
  public int purgeExpired() {
    return users.purgeExpiredTokens(clock.instant());
  }

  /** Characters of a token's hash that name it in the API (never the token itself). */
  public static final int TOKEN_ID_CHARS = 16;

  /** Every device token (expired ones too, until the hourly purge), oldest first. */
  public java.util.List<Token> deviceTokens() {
    return users.listTokens(DEVICE);
  }

  /** The API's name of a token: the start of its hash. */
  public static String tokenId(Token t) {
    return t.hash().substring(0, TOKEN_ID_CHARS);
  }

  /**
   * Revokes the device token named {@code id} (see {@link #tokenId}); a device using it is refused
   * from its next connection on.
   *
   * @return the revoked token, or empty when no device token has that id
   */
  public Optional<Token> revokeDeviceToken(String id) {
    if (id == null || id.length() != TOKEN_ID_CHARS) return Optional.empty();
    Optional<Token> t = deviceTokens().stream().filter(x -> tokenId(x).equals(id)).findFirst();
    t.ifPresent(x -> users.deleteToken(x.hash()));
    return t;
  }

  /** The device id a device token was issued for, if the token is valid. */
  public Optional<String> verifyDeviceToken(String token) {
    if (token == null || token.isEmpty() || token.length() > 256) return Optional.empty();
    return users.findToken(TokenCodec.hash(token))
        .filter(t -> DEVICE.equals(t.kind()) && !t.expired(clock.instant()))
        .map(Token::label);
  }

  /** The stored device token behind a presented one, if valid (its label is the device id). */
  public Optional<Token> deviceToken(String token) {
    return deviceToken(users, clock, token);
  }

  static Optional<Token> deviceToken(UserStore users, Clock clock, String token) {
    if (token == null || token.isEmpty() || token.length() > 256) return Optional.empty();
    return users.findToken(TokenCodec.hash(token)).filter(t -> DEVICE.equals(t.kind()) && !t.expired(clock.instant()));
  }
}
