package io.gridwire.mqtt.publish;

import java.util.Locale;

/**
 * Names of published topics.
 *
 * <pre>
 *   {state}/{device}/state                      JSON of the device's latest values (retained)
 *   {state}/{device}/availability               online | offline (retained)
 *   {state}/{device}/alarms                     JSON of the device's active alarms (retained)
 *   {state}/status                              online | offline of the gateway (retained, last will)
 *   {discovery}/sensor/{unique_id}/config       Home Assistant discovery (retained)
 *   {discovery}/binary_sensor/{unique_id}/config
 *   {discovery}/status                          Home Assistant birth/will, subscribed
 * </pre>
 *
 * Device ids are made topic-safe ({@code [A-Za-z0-9_.-]}, others → {@code _}). Pure.
 *
 * @param statePrefix first level of state topics
 * @param discoveryPrefix Home Assistant discovery prefix
 */
public record Topics(String statePrefix, String discoveryPrefix) {

  public String state(String deviceId) {
    return statePrefix + "/" + topicSafe(deviceId) + "/state";
  }

  public String availability(String deviceId) {
    return statePrefix + "/" + topicSafe(deviceId) + "/availability";
  }

  public String alarms(String deviceId) {
    return statePrefix + "/" + topicSafe(deviceId) + "/alarms";
  }

  /** Alarm raised/cleared events (not retained), read by the device's Home Assistant event entity. */
  public String alarmEvent(String deviceId) {
    return statePrefix + "/" + topicSafe(deviceId) + "/alarm_event";
  }

  public String gatewayStatus() {
    return statePrefix + "/status";
  }

  public String haStatus() {
    return discoveryPrefix + "/status";
  }

  public String config(String component, String uniqueId) {
    return discoveryPrefix + "/" + component + "/" + uniqueId + "/config";
  }

  /** {@code gridwire_{device}_{metric}}, limited to {@code [a-z0-9_]} (valid as object id and entity id). */
  public static String uniqueId(String deviceId, String metric) {
    return "gridwire_" + idSafe(deviceId) + "_" + idSafe(metric);
  }

  /** Identifier of a device in Home Assistant's device registry. */
  public static String deviceIdentifier(String deviceId) {
    return "gridwire_" + idSafe(deviceId);
  }

  /** A device id as one topic level ({@code [A-Za-z0-9_.-]}, others → {@code _}). */
  public static String topicSafe(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '-' || c == '.';
      b.append(ok ? c : '_');
    }
    return b.toString();
  }

  static String idSafe(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      b.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
    }
    return b.toString();
  }
}
