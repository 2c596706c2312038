package io.gridwire.core.user;

import java.util.Locale;

/**
 * What a user may do (docs/roles.md), each role all the one below it may:
 *
 * <pre>
 *   admin     manages users, devices, profiles, device tokens, alarm rules; forces past interlocks
 *   operator  sends commands: the ledger, device messages, Modbus writes; acknowledges alarms
 *   viewer    reads
 * </pre>
 */
public enum Role {
  ADMIN(2),
  OPERATOR(1),
  VIEWER(0);

  private final int rank;

  Role(int rank) {
    this.rank = rank;
  }

  /** Whether this role may do what {@code required} may. */
  public boolean covers(Role required) {
    return rank >= required.rank;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role fromWire(String name) {
    for (Role r : values()) if (r.wireName().equalsIgnoreCase(name)) return r;
    throw new IllegalArgumentException("unknown role '" + name + "' (expected admin, operator or viewer)");
  }
}
