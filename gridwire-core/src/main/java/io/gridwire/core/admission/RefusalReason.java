package io.gridwire.core.admission;

import java.util.Locale;

/** Why a device id was refused; each is counted per source. */
public enum RefusalReason {
  /** The id does not follow {@link DeviceIdRule}. */
  INVALID_ID,
  /** The source's policy is allowlist and the id is not on it. */
  NOT_LISTED,
  /** An admin rejected this id. */
  REJECTED,
  /** The source already has {@code max_devices} devices (known and pending). */
  DEVICE_LIMIT,
  /** More than {@code max_new_per_minute} new devices within the last minute. */
  RATE_LIMIT,
  /** The id is already a device (or pending) of another source; one source never takes over another's device. */
  ID_CONFLICT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
