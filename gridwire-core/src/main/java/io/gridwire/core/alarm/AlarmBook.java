package io.gridwire.core.alarm;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.event.Event;
import io.gridwire.core.port.AlarmStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import io.gridwire.core.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active-alarm list: turns observations into {@code alarm_raised}/{@code alarm_cleared}
 * events, debounces flapping, keeps alarms of offline devices as {@code unknown}, and persists the
 * list through an {@link AlarmStore} (written behind) so a restart neither forgets nor re-raises.
 *
 * <pre>
 *   (none) ──active──▶ ACTIVE ──inactive──▶ ACTIVE, clear pending ──held clearHold──▶ cleared
 *                        ▲  │                    │ active again: flaps+1, no event
 *                        │  └──device offline──▶ UNKNOWN ──active──▶ ACTIVE
 * </pre>
 *
 * Raising is immediate (an operator sees it within one poll); clearing must hold {@code clearHold}
 * of continuous inactive observations, checked on the next report or by {@link #tick}. Thread-safe;
 * {@link #report} never blocks on I/O.
 */
public final class AlarmBook implements AlarmSink, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlarmBook.class);
  /**
   * Active alarms one device may hold: above every built-in profile's alarm list (an HGM9520N
   * has 574 bits), low enough that a device inventing a new payload alarm id with every message
   * cannot grow the list, the store and every dashboard without bound.
   */
  public static final int MAX_ACTIVE_PER_DEVICE = 1_000;

  private final Bus<Event> events;
  private final AlarmWriteBehind store;
  private final Clock clock;
  private final Duration clearHold;
  private final Function<String, String> siteOf;
  private final Map<String, Entry> entries = new HashMap<>();
  private final Map<String, Integer> activePerDevice = new HashMap<>();
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
  private final RateLimitedLog capLog;
  private final java.util.concurrent.atomic.LongAdder refused = new java.util.concurrent.atomic.LongAdder();

  /** One alarm and, while a clear is pending, since when it has been observed inactive. */
  private static final class Entry {
    ActiveAlarm alarm;
    Instant inactiveSince;
    Map<String, Object> clearValues = Map.of();

    Entry(ActiveAlarm alarm) {
      this.alarm = alarm;
    }
  }

  /**
   * @param clearHold how long an alarm must be observed inactive before it clears (zero: at once)
   * @param siteOf the site of a device, or null when unknown
   */
  public AlarmBook(Bus<Event> events, AlarmStore store, Clock clock, Duration clearHold,
      Function<String, String> siteOf) {
    this.events = events;
    this.store = new AlarmWriteBehind(store);
    this.clock = clock;
    this.clearHold = clearHold;
    this.siteOf = siteOf;
    this.capLog = new RateLimitedLog(log, clock, Duration.ofMinutes(1));
    for (ActiveAlarm a : store.loadAll()) {
      entries.put(a.key(), new Entry(a));
      activePerDevice.merge(a.deviceId(), 1, Integer::sum);
    }
    if (!entries.isEmpty()) log.info("{} active alarms restored from the store", entries.size());
  }

  /** Called with a device id whenever that device's active alarms change. Listeners must be quick. */
  public void addListener(Consumer<String> deviceChanged) {
    listeners.add(deviceChanged);
  }

  @Override
  public void report(AlarmSignal s) {
    boolean changed;
    synchronized (this) {
      changed = s.active() ? active(s) : inactive(s, clock.instant());
    }
    if (changed) notify(s.deviceId());
  }

  private boolean active(AlarmSignal s) {
    String key = ActiveAlarm.key(s.deviceId(), s.alarmId());
    Entry e = entries.get(key);
    if (e == null) {
      if (activePerDevice.getOrDefault(s.deviceId(), 0) >= MAX_ACTIVE_PER_DEVICE) {
        refused.increment();
        capLog.warn(s.deviceId(), "alarm refused: device " + s.deviceId() + " already has " + MAX_ACTIVE_PER_DEVICE
            + " active alarms (new: '" + s.alarmId() + "'); check what the device sends as alarms, new ones are"
            + " ignored until some clear (gridwire_alarms_refused_total counts them)");
        return false;
      }
      activePerDevice.merge(s.deviceId(), 1, Integer::sum);
      ActiveAlarm a = new ActiveAlarm(s.deviceId(), s.alarmId(), s.name(), s.severity(), s.alarmClass(),
          siteOf.apply(s.deviceId()), AlarmState.ACTIVE, s.time(), s.values(), null, null, 0);
      entries.put(key, new Entry(a));
      store.upsert(a);
      events.publish(AlarmEvents.raised(a));
      log.info("alarm raised: {} {} ({})", s.deviceId(), a.name(), a.severity().wireName());
      return true;
    }
    if (e.inactiveSince != null) {
      e.inactiveSince = null;
      e.alarm = e.alarm.withFlap();
      store.upsert(e.alarm);
      if (Integer.bitCount(e.alarm.flaps()) == 1) {
        log.warn("alarm {} {} is flapping ({} times back before its clear held {}): check the sensor or wiring",
            s.deviceId(), e.alarm.name(), e.alarm.flaps(), clearHold);
      }
      return false;
    }
    if (e.alarm.state() == AlarmState.UNKNOWN) {
      e.alarm = e.alarm.withState(AlarmState.ACTIVE);
      store.upsert(e.alarm);
      return true;
    }
    return false;
  }

  private boolean inactive(AlarmSignal s, Instant now) {
    Entry e = entries.get(ActiveAlarm.key(s.deviceId(), s.alarmId()));
    if (e == null) return false;
    if (e.inactiveSince == null) e.inactiveSince = now;
    e.clearValues = s.values();
    if (e.inactiveSince.plus(clearHold).isAfter(now)) return false;
    clear(e, now);
    return true;
  }

  private void clear(Entry e, Instant now) {
    ActiveAlarm a = e.alarm;
    remove(a);
    store.delete(a.deviceId(), a.alarmId());
    events.publish(AlarmEvents.cleared(a, now, e.clearValues));
    log.info("alarm cleared: {} {}", a.deviceId(), a.name());
  }

  private void remove(ActiveAlarm a) {
    if (entries.remove(a.key()) != null) activePerDevice.computeIfPresent(a.deviceId(), (k, n) -> n <= 1 ? null : n - 1);
  }

  /** New alarms refused since start because their device held {@link #MAX_ACTIVE_PER_DEVICE}. */
  public long refused() {
    return refused.sum();
  }

  /** Active alarms now, all devices. */
  public synchronized int size() {
    return entries.size();
  }

  /** Clears alarms whose inactive observation has held {@code clearHold}; call periodically. */
  public void tick() {
    Set<String> changed = new LinkedHashSet<>();
    synchronized (this) {
      Instant now = clock.instant();
      for (Entry e : List.copyOf(entries.values())) {
        if (e.inactiveSince != null && !e.inactiveSince.plus(clearHold).isAfter(now)) {
          clear(e, now);
          changed.add(e.alarm.deviceId());
        }
      }
    }
    changed.forEach(this::notify);
  }

  /** The device went offline: its alarms become {@code unknown} (not cleared) until it reports again. */
  public void deviceOffline(String deviceId) {
    boolean changed = false;
    synchronized (this) {
      for (Entry e : entries.values()) {
        if (!e.alarm.deviceId().equals(deviceId) || e.alarm.state() == AlarmState.UNKNOWN) continue;
        e.inactiveSince = null;
        e.alarm = e.alarm.withState(AlarmState.UNKNOWN);
        store.upsert(e.alarm);
        changed = true;
      }
    }
    if (changed) notify(deviceId);
  }

  /** The device was removed: its alarms are forgotten without events. */
  public void forgetDevice(String deviceId) {
    boolean changed = false;
    synchronized (this) {
      for (Entry e : List.copyOf(entries.values())) {
        if (!e.alarm.deviceId().equals(deviceId)) continue;
        remove(e.alarm);
        store.delete(deviceId, e.alarm.alarmId());
        changed = true;
      }
    }
    if (changed) notify(deviceId);
  }

  /**
   * Records who acknowledged an active alarm, and when. An acknowledged alarm that clears and
   * comes back is a new alarm, raised again and unacknowledged.
   *
   * @param key {@code <device id>:<alarm id>}
   * @return the acknowledged alarm; empty when no such alarm is active
   */
  public Optional<ActiveAlarm> acknowledge(String key, String user) {
    ActiveAlarm acked;
    synchronized (this) {
      Entry e = entries.get(key);
      if (e == null) return Optional.empty();
      if (!e.alarm.acknowledged()) {
        e.alarm = e.alarm.withAck(user, clock.instant());
        store.upsert(e.alarm);
        log.info("alarm {} acknowledged by {}", key, user);
      }
      acked = e.alarm;
    }
    notify(acked.deviceId());
    return Optional.of(acked);
  }

  /** Active alarms matching the filter: most severe first, then newest first. */
  public synchronized List<ActiveAlarm> list(AlarmFilter filter) {
    List<ActiveAlarm> out = new ArrayList<>();
    for (Entry e : entries.values()) if (filter.matches(e.alarm)) out.add(e.alarm);
    out.sort(Comparator.comparing(ActiveAlarm::severity)
        .thenComparing(ActiveAlarm::raisedAt, Comparator.<java.time.Instant>reverseOrder())
        .thenComparing(a -> a.key()));
    return out;
  }

  /** Waits until every change so far is in the store (tests, shutdown). */
  public boolean flush(Duration timeout) throws InterruptedException {
    return store.flush(timeout);
  }

  private void notify(String deviceId) {
    for (Consumer<String> l : listeners) {
      try {
        l.accept(deviceId);
      } catch (RuntimeException ex) {
        log.warn("alarm listener failed for {}: {}", deviceId, ex.toString());
      }
    }
  }

  @Override
  public void close() {
    store.close();
  }
}
