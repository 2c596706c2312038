package io.gridwire.core.user;

import java.time.Duration;
import java.util.Optional;

/**
 * The credentials a device presents when it connects to a device endpoint (WebSocket devices,
 * SPEC §3.4): a user's password or a device token, checked against the gateway's users and
 * throttled as docs/security.md says. The web module implements it over its password check and
 * login throttle; the wiring hands it to the connector, which owns the protocol around it.
 * Thread-safe; blocking (store I/O, bcrypt, late answers to an account under attack).
 */
public interface DeviceCredentials {

  /** The verdict on a password. */
  sealed interface PasswordVerdict {
    record Verified(User user) implements PasswordVerdict {}

    /** Wrong password or unknown email: the same answer for both. */
    record Invalid() implements PasswordVerdict {}

    /** Refused without checking; try again after {@code retryAfter}. */
    record Throttled(Duration retryAfter) implements PasswordVerdict {}
  }

  /** Checks a user's password (constant time for an unknown email), throttled per account and address. */
  PasswordVerdict password(String email, String password, String address);

  /**
   * Counts an attempt that names no account (a token, a malformed message) against its address.
   *
   * @return how long the address must wait, or empty when the attempt may go on
   */
  Optional<Duration> attempt(String address);

  /** The address's last attempt presented a good token: it is not a failure. */
  void succeeded(String address);

  /** The stored device token behind a presented one, if it is valid and unexpired (its label is the device id). */
  Optional<Token> deviceToken(String token);
}
