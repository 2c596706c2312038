package io.gridwire.core.alarm;

import io.gridwire.core.port.AlarmStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An alarm store in a map that calls {@link #pause} before each write (to stall it in tests). */
abstract class MapAlarmStoreHook implements AlarmStore {
  final Map<String, ActiveAlarm> rows = new ConcurrentHashMap<>();

  abstract void pause();

  @Override
  public void upsert(ActiveAlarm alarm) {
    pause();
    rows.put(alarm.key(), alarm);
  }

  @Override
  public void delete(String deviceId, String alarmId) {
    pause();
    rows.remove(ActiveAlarm.key(deviceId, alarmId));
  }

  @Override
  public List<ActiveAlarm> loadAll() {
    return new ArrayList<>(rows.values());
  }
}
