package io.gridwire.wsdevice.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.core.user.DeviceCredentials;
import io.gridwire.core.user.Token;
import io.gridwire.core.user.User;
import io.gridwire.core.user.UserStore;
import io.gridwire.wsdevice.protocol.WireJson;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks a device's first message: {@code {"email","password"}} against the gateway's users (bcrypt,
 * constant time: an unknown email costs a dummy check and gets the same answer as a wrong password)
 * or {@code {"token"}} with a per-device token issued for this {@code session_id}. Passwords are
 * throttled per (account, address), per address and per account; token and malformed attempts per
 * address ({@link DeviceCredentials}). Thread-safe; blocking (store, bcrypt).
 */
public final class DeviceAuth {
  private static final int MAX_AUTH_BYTES = 4096;
  private final UserStore users;
  private final DeviceCredentials credentials;

  public DeviceAuth(UserStore users, DeviceCredentials credentials) {
    this.users = users;
    this.credentials = credentials;
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
    Optional<Duration> wait = credentials.attempt(address);
    if (wait.isPresent()) return new Outcome.RateLimited(wait.get());
    if (n == null) return new Outcome.Refused("first message must be {\"email\": ..., \"password\": ...} or {\"token\": ...}");
    return token(n.get("token").asText(), sessionId, address);
  }

  private Outcome password(JsonNode n, String address) {
    String email = n.path("email").asText("");
    if (email.isBlank() || email.length() > 320) {
      Optional<Duration> wait = credentials.attempt(address);
      return wait.isPresent() ? new Outcome.RateLimited(wait.get()) : new Outcome.Refused("invalid credentials");
    }
    return switch (credentials.password(email, n.path("password").asText(""), address)) {
      case DeviceCredentials.PasswordVerdict.Verified v -> new Outcome.Authenticated(v.user().email(), "password");
      case DeviceCredentials.PasswordVerdict.Invalid i -> new Outcome.Refused("invalid credentials");
      case DeviceCredentials.PasswordVerdict.Throttled t -> new Outcome.RateLimited(t.retryAfter());
    };
  }

  private Outcome token(String token, String sessionId, String address) {
    Optional<Token> t = credentials.deviceToken(token);
    if (t.isEmpty()) return new Outcome.Refused("invalid credentials");
    if (!sessionId.equals(t.get().label())) return new Outcome.Refused("token was not issued for this session_id");
    credentials.succeeded(address);
    String owner = users.findById(t.get().userId()).map(User::email).orElse(null);
    return new Outcome.Authenticated(owner, "token");
  }

  private static JsonNode parse(String message) {
    if (message.length() > MAX_AUTH_BYTES) return null;
    try {
      JsonNode n = WireJson.MAPPER.readTree(message);
      return n != null && n.isObject() ? n : null;
    } catch (Exception e) {
      return null;
    }
  }
}
