package io.gridwire.web.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.core.user.Token;
import io.gridwire.core.user.User;
import io.gridwire.core.user.UserStore;
import io.gridwire.web.Json;
import io.gridwire.web.auth.Authenticator;
import io.gridwire.web.auth.LoginThrottle;
import io.gridwire.web.auth.PasswordCheck;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks a device's first message: {@code {"email","password"}} against the gateway's users (bcrypt,
 * constant time: an unknown email costs a dummy check and gets the same answer as a wrong password)
 * or {@code {"token"}} with a per-device token issued for this {@code session_id}. Passwords are
 * throttled per (account, address), per address and per account ({@link LoginThrottle}); token
 * failures per address. Thread-safe; blocking (store, bcrypt).
 */
public final class DeviceAuth {
  private static final int MAX_AUTH_BYTES = 4096;
  private final UserStore users;
  private final PasswordCheck passwords;
  private final Authenticator tokens;
  private final LoginThrottle throttle;

  /** @param throttle the one behind {@code passwords}; token and malformed attempts count per address */
  public DeviceAuth(UserStore users, PasswordCheck passwords, Authenticator tokens, LoginThrottle throttle) {
    this.users = users;
    this.passwords = passwords;
    this.tokens = tokens;
    this.throttle = throttle;
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
    JsonNode n = parse(message);
    if (n != null && !n.hasNonNull("token")) return password(n, address);
    if (throttle.attempt(null, address) instanceof LoginThrottle.Verdict.Wait w) return new Outcome.RateLimited(w.retryAfter());
    if (n == null) return new Outcome.Refused("first message must be {\"email\": ..., \"password\": ...} or {\"token\": ...}");
    return token(n.get("token").asText(), sessionId, address);
  }

  private Outcome password(JsonNode n, String address) {
    String email = n.path("email").asText("");
    if (email.isBlank() || email.length() > 320) {
      if (throttle.attempt(null, address) instanceof LoginThrottle.Verdict.Wait w) return new Outcome.RateLimited(w.retryAfter());
      return new Outcome.Refused("invalid credentials");
    }
    return switch (passwords.check(email, n.path("password").asText(""), address)) {
      case PasswordCheck.Result.Verified v -> new Outcome.Authenticated(v.user().email(), "password");
      case PasswordCheck.Result.Invalid i -> new Outcome.Refused("invalid credentials");
      case PasswordCheck.Result.Throttled t -> new Outcome.RateLimited(t.retryAfter());
    };
  }

  private Outcome token(String token, String sessionId, String address) {
    Optional<Token> t = tokens.deviceToken(token);
    if (t.isEmpty()) return new Outcome.Refused("invalid credentials");
    if (!sessionId.equals(t.get().label())) return new Outcome.Refused("token was not issued for this session_id");
    throttle.succeeded(null, address);
    String owner = users.findById(t.get().userId()).map(User::email).orElse(null);
    return new Outcome.Authenticated(owner, "token");
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
