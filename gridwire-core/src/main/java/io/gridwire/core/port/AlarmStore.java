package io.gridwire.core.port;

import io.gridwire.core.alarm.ActiveAlarm;
import java.util.List;

/** Durable active-alarm list, so a restart neither forgets nor re-raises alarms. Thread-safe; blocking. */
public interface AlarmStore {
  /** Inserts or replaces the alarm with the same device and alarm id. */
  void upsert(ActiveAlarm alarm);

  /** Forgets an alarm (it cleared); unknown ids are ignored. */
  void delete(String deviceId, String alarmId);

  /** Every stored alarm, oldest first. */
  List<ActiveAlarm> loadAll();
}
