package io.gridwire.core.alarm;

/**
 * Which active alarms to list; null components match everything.
 *
 * @param site site code
 * @param deviceId device key
 * @param severity severity
 */
public record AlarmFilter(String site, String deviceId, Severity severity) {
  public static final AlarmFilter ALL = new AlarmFilter(null, null, null);

  public boolean matches(ActiveAlarm a) {
    return (site == null || site.equals(a.site()))
        && (deviceId == null || deviceId.equals(a.deviceId()))
        && (severity == null || severity == a.severity());
  }
}
