package io.gridwire.core.alarm;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the active-alarm list. Immutable; the {@link AlarmBook} replaces it on change.
 *
 * @param deviceId the device
 * @param alarmId stable id, unique per device
 * @param name readable name
 * @param severity what the operator must do
 * @param alarmClass group or producer kind, or null
 * @param site the device's site, or null when unknown
 * @param state active, or unknown while the device is offline
 * @param raisedAt when it became active
 * @param values the values that mattered when it was raised, unmodifiable
 * @param ackedBy who acknowledged it, or null
 * @param ackedAt when it was acknowledged, or null
 * @param flaps how often it went off and came back before a clear held (debounced flapping)
 */
public record ActiveAlarm(String deviceId, String alarmId, String name, Severity severity, String alarmClass,
    String site, AlarmState state, Instant raisedAt, Map<String, Object> values, String ackedBy, Instant ackedAt,
    int flaps) {
  public ActiveAlarm {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(alarmId, "alarmId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(raisedAt, "raisedAt");
    values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
  }

  /** The id used by the API: {@code <device id>:<alarm id>}. */
  public String key() {
    return key(deviceId, alarmId);
  }

  public static String key(String deviceId, String alarmId) {
    return deviceId + ":" + alarmId;
  }

  public ActiveAlarm withState(AlarmState s) {
    return new ActiveAlarm(deviceId, alarmId, name, severity, alarmClass, site, s, raisedAt, values, ackedBy, ackedAt, flaps);
  }

  public ActiveAlarm withAck(String by, Instant at) {
    return new ActiveAlarm(deviceId, alarmId, name, severity, alarmClass, site, state, raisedAt, values, by, at, flaps);
  }

  public ActiveAlarm withFlap() {
    return new ActiveAlarm(deviceId, alarmId, name, severity, alarmClass, site, AlarmState.ACTIVE, raisedAt, values,
        ackedBy, ackedAt, flaps + 1);
  }

  public boolean acknowledged() {
    return ackedAt != null;
  }
}
