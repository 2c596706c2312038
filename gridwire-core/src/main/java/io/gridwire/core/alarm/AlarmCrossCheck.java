package io.gridwire.core.alarm;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares a device's own "number of active alarms" with the alarm bits the gateway decodes. A
 * difference is normal for a moment (the count and the bits are read at different polls) and
 * when the controller counts groups the profile does not decode; it is logged once per change of
 * the pair, and counted.
 */
final class AlarmCrossCheck {
  private static final Logger log = LoggerFactory.getLogger(AlarmCrossCheck.class);
  private final Map<String, String> lastLogged = new ConcurrentHashMap<>();
  private final Map<String, Long> mismatches = new ConcurrentHashMap<>();

  /**
   * @param deviceCount the device's own count
   * @param bitsOn decoded alarm bits that are on
   * @param complete whether every alarm bit has been read at least once
   */
  void compare(String deviceId, int deviceCount, int bitsOn, boolean complete) {
    if (!complete) return;
    String pair = deviceCount + "/" + bitsOn;
    if (deviceCount == bitsOn) {
      lastLogged.remove(deviceId);
      return;
    }
    mismatches.merge(deviceId, 1L, Long::sum);
    if (pair.equals(lastLogged.put(deviceId, pair))) return;
    log.warn("{} reports {} active alarms but {} decoded alarm bits are on: check the profile's alarm groups"
        + " (the controller may count alarms the profile does not decode)", deviceId, deviceCount, bitsOn);
  }

  long mismatches(String deviceId) {
    return mismatches.getOrDefault(deviceId, 0L);
  }
}
