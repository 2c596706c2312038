package io.gridwire.app.config;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;

/**
 * Users. The first admin comes from {@code GRIDWIRE_ADMIN_EMAIL} / {@code GRIDWIRE_ADMIN_PASSWORD}
 * or, when absent and no user exists, gets a random password printed once.
 */
public record AuthConfig(
    @Doc("Email of the first admin (env GRIDWIRE_ADMIN_EMAIL).") String adminEmail,
    @Doc("Password of the first admin (env GRIDWIRE_ADMIN_PASSWORD); never stored plain.") String adminPassword,
    @Doc("bcrypt cost factor (each +1 doubles the work).") int bcryptCost) {
  public AuthConfig {
    Check.range("auth.bcrypt_cost", bcryptCost, 4, 16);
    adminEmail = adminEmail == null || adminEmail.isBlank() ? null : adminEmail.trim();
    adminPassword = adminPassword == null || adminPassword.isEmpty() ? null : adminPassword;
    if (adminPassword != null && adminPassword.length() < 8) {
      throw new IllegalArgumentException("auth.admin_password must have at least 8 characters");
    }
  }

  public static AuthConfig defaults() {
    return new AuthConfig(null, null, 11);
  }

  @Override
  public String toString() {
    return "AuthConfig[adminEmail=" + adminEmail + ", adminPassword=" + (adminPassword == null ? "unset" : "***")
        + ", bcryptCost=" + bcryptCost + "]";
  }
}
