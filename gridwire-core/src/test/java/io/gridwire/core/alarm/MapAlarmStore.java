package io.gridwire.core.alarm;

import io.gridwire.core.port.AlarmStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An alarm store in a map, shared by a book and its "restarted" successor. */
final class MapAlarmStore implements AlarmStore {
  final Map<String, ActiveAlarm> rows = new ConcurrentHashMap<>();

  @Override
  public void upsert(ActiveAlarm alarm) {
    rows.put(alarm.key(), alarm);
  }

  @Override
  public void delete(String deviceId, String alarmId) {
    rows.remove(ActiveAlarm.key(deviceId, alarmId));
  }

  @Override
  public List<ActiveAlarm> loadAll() {
    return new ArrayList<>(rows.values());
  }
}
