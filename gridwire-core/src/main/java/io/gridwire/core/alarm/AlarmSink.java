package io.gridwire.core.alarm;

/**
 * Where alarm producers report what they observe (profile alarm bits, OIG warnings, payload
 * alarms, rules).
 *
 * <p>The implementation keeps the active-alarm list and emits one {@code ALARM_RAISED} event when an
 * alarm becomes active and one {@code ALARM_CLEARED} event when it stops being active, on the event
 * bus. Event data keys (all strings): {@code alarm_id}, {@code name}, {@code severity}
 * ({@code critical|warning|info}), {@code class} (may be absent), {@code site} (may be absent), and
 * one {@code value.<metric>} key per value that mattered. Notification sinks read these events only.
 *
 * <p>Thread-safe; never blocks on I/O; never throws for a well-formed signal.
 */
public interface AlarmSink {
  void report(AlarmSignal signal);
}
