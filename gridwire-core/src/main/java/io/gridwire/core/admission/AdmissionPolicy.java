package io.gridwire.core.admission;

import java.util.Locale;

/** What happens to a device id a connector has not seen before (it must follow {@link DeviceIdRule}). */
public enum AdmissionPolicy {
  /** Any valid id becomes a device, within the caps. */
  ACCEPT,
  /** Only ids on the source's allowlist are devices; every other id is refused. */
  ALLOWLIST,
  /** An unknown id is held as pending (no history, no readings) until an admin approves it. */
  PENDING;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code accept}, {@code allowlist} or {@code pending}; throws naming the allowed values. */
  public static AdmissionPolicy fromWire(String name) {
    for (AdmissionPolicy p : values()) if (p.wireName().equalsIgnoreCase(name)) return p;
    throw new IllegalArgumentException("unknown admission policy '" + name + "' (expected accept, allowlist or pending)");
  }
}
