package io.gridwire.testkit.alarm;

import io.gridwire.core.alarm.AlarmSignal;
import io.gridwire.core.alarm.AlarmSink;
import java.util.ArrayList;
import java.util.List;

/** An {@link AlarmSink} that keeps every signal, in report order, for assertions. Thread-safe. */
public final class RecordingAlarmSink implements AlarmSink {
  private final List<AlarmSignal> signals = new ArrayList<>();

  @Override
  public synchronized void report(AlarmSignal signal) {
    signals.add(signal);
  }

  public synchronized List<AlarmSignal> signals() {
    return List.copyOf(signals);
  }

  /** Signals of one alarm on one device, in order. */
  public synchronized List<AlarmSignal> of(String deviceId, String alarmId) {
    return signals.stream().filter(s -> s.deviceId().equals(deviceId) && s.alarmId().equals(alarmId)).toList();
  }

  /** The last reported state of that alarm: true active, false cleared, null never reported. */
  public synchronized Boolean state(String deviceId, String alarmId) {
    List<AlarmSignal> l = of(deviceId, alarmId);
    return l.isEmpty() ? null : l.get(l.size() - 1).active();
  }

  public synchronized void clear() {
    signals.clear();
  }
}
