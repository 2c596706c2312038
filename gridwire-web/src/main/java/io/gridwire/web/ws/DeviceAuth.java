package io.gridwire.web.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.core.user.Token;
import io.gridwire.core.user.User;
import io.gridwire.core.user.UserStore;
import io.gridwire.web.Json;
import io.gridwire.web.auth.Authenticator;
import io.gridwire.web.auth.LoginRateLimiter;
import io.gridwire.web.auth.PasswordHasher;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a device's first message: {@code {"email","password"}} against the gateway's users (bcrypt,
 * constant time: an unknown email costs a dummy check and gets the same answer as a wrong password)
 * or {@code {"token"}} with a per-device token issued for this {@code session_id}. Failures are
 * rate-limited per client address and per account. Thread-safe; blocking (store, bcrypt).
 */
public final class DeviceAuth {
  private static final int MAX_AUTH_BYTES = 4096;
  private final UserStore users;
  private final PasswordHasher hasher;
  private final Authenticator tokens;
  private final LoginRateLimiter byAddress;
  private final LoginRateLimiter byAccount;

  public DeviceAuth(UserStore users, PasswordHasher hasher, Authenticator tokens, LoginRateLimiter byAddress,
      LoginRateLimiter byAccount) {
    this.users = users;
    this.hasher = hasher;
    this.tokens = tokens;
    this.byAddress = byAddress;
    this.byAccount = byAccount;
  }

  /** The outcome of a device's first message. */
  public sealed interface Outcome {
    /** @param method {@code password} or {@code token} */
    record Authenticated(String owner, String method) implements Outcome {}

    /** @param detail the answer sent to the device before closing */
    record Refused(String detail) implements Outcome {}

    record RateLimited(Duration retryAfter) implements Outcome {}
  }

  public Outcome check(String message, String sessionId, String address) {
    Duration wait = byAddress.retryAfter(address);
    if (wait.isPositive()) return new Outcome.RateLimited(wait);
    JsonNode n = parse(message);
    if (n == null) return failed(address, null, "first message must be {\"email\": ..., \"password\": ...} or {\"token\": ...}");
    if (n.hasNonNull("token")) return token(n.get("token").asText(), sessionId, address);
    String email = n.path("email").asText("").trim().toLowerCase(Locale.ROOT);
    String password = n.path("password").asText("");
    if (email.isEmpty() || email.length() > 320) return failed(address, null, "invalid credentials");
    String account = "acct:" + email;
    wait = byAccount.retryAfter(account);
    if (wait.isPositive()) return new Outcome.RateLimited(wait);
    Optional<User> user = users.findByEmail(email);
    boolean ok;
    if (user.isPresent()) {
      ok = hasher.verify(password, user.get().passwordHash());
    } else {
      hasher.verifyDummy(password);
      ok = false;
    }
    if (!ok) return failed(address, account, "invalid credentials");
    byAddress.succeeded(address);
    byAccount.succeeded(account);
    return new Outcome.Authenticated(user.get().email(), "password");
  }

  private Outcome token(String token, String sessionId, String address) {
    Optional<Token> t = tokens.deviceToken(token);
    if (t.isEmpty()) return failed(address, null, "invalid credentials");
    if (!sessionId.equals(t.get().label())) return failed(address, null, "token was not issued for this session_id");
    byAddress.succeeded(address);
    String owner = users.findById(t.get().userId()).map(User::email).orElse(null);
    return new Outcome.Authenticated(owner, "token");
  }

  private Outcome failed(String address, String account, String detail) {
    byAddress.failed(address);
    if (account != null) byAccount.failed(account);
    return new Outcome.Refused(detail);
  }

  private static JsonNode parse(String message) {
    if (message.length() > MAX_AUTH_BYTES) return null;
    try {
      JsonNode n = Json.MAPPER.readTree(message);
      return n != null && n.isObject() ? n : null;
    } catch (Exception e) {
      return null;
    }
  }
}
