package io.gridwire.modbus.register;

import io.gridwire.core.reading.NoDataReason;
import java.util.Set;

/**
 * Rules that turn a raw integer into no-data instead of a number. All limits compare the
 * integer after sign conversion and before scaling (so {@code max: 5000} on engine speed means
 * 5000 rpm raw, and a signed field at raw 65535 is −1, a real value).
 *
 * <p>Order: sentinel → {@link NoDataReason#SENTINEL}; {@code noDataFrom} band →
 * {@link NoDataReason#SENTINEL}; outside {@code min..max} → {@link NoDataReason#OUT_OF_RANGE}.
 *
 * @param sentinels exact raw values meaning "no data" (Smartgen 32766)
 * @param noDataFrom raw values ≥ this are no-data (Smartgen "≥ 32000"; for s16 fields the band
 *     is 32000..32767), or null
 * @param min smallest plausible raw value, or null
 * @param max largest plausible raw value, or null
 */
public record Validity(Set<Long> sentinels, Long noDataFrom, Long min, Long max) {
  public static final Validity NONE = new Validity(Set.of(), null, null, null);

  public Validity {
    sentinels = sentinels == null ? Set.of() : Set.copyOf(sentinels);
    if (min != null && max != null && min > max) {
      throw new IllegalArgumentException("min " + min + " > max " + max);
    }
  }

  /** The reason this raw value is no data, or null when it is a real value. */
  public NoDataReason check(long raw) {
    if (!sentinels.isEmpty() && sentinels.contains(raw)) return NoDataReason.SENTINEL;
    if (noDataFrom != null && raw >= noDataFrom) return NoDataReason.SENTINEL;
    if ((min != null && raw < min) || (max != null && raw > max)) return NoDataReason.OUT_OF_RANGE;
    return null;
  }

  public Validity withSentinels(Set<Long> s) {
    return new Validity(s, noDataFrom, min, max);
  }
}
