package io.gridwire.core.user;

import java.time.Instant;

/**
 * An issued bearer token, stored by hash only.
 *
 * @param hash SHA-256 of the token, hex
 * @param userId owner
 * @param kind {@code session} (login) or {@code device} (per-device token issued by an admin)
 * @param label what it is for (device id for device tokens), or null
 * @param createdAt issue time
 * @param expiresAt expiry, or null for no expiry (device tokens)
 */
public record Token(String hash, long userId, String kind, String label, Instant createdAt, Instant expiresAt) {
  public boolean expired(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }
}
