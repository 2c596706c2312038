package io.gridwire.web.auth;

import java.time.Instant;

/**
 * A device token as issued: the clear token is shown once.
 *
 * @param token bearer token (base64url, 43 characters)
 * @param deviceId the device it is for
 * @param expiresAt expiry, or null for none
 */
public record IssuedToken(String token, String deviceId, Instant expiresAt) {}
