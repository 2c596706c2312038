package io.gridwire.core.user;

import java.util.Locale;

/** What a user may do: {@code admin} sends commands, writes and manages users; {@code viewer} reads. */
public enum Role {
  ADMIN,
  VIEWER;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role fromWire(String name) {
    for (Role r : values()) if (r.wireName().equalsIgnoreCase(name)) return r;
    throw new IllegalArgumentException("unknown role '" + name + "' (expected admin or viewer)");
  }
}
