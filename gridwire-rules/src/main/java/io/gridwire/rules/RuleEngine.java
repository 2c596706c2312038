package io.gridwire.rules;

import io.gridwire.core.alarm.AlarmSignal;
import io.gridwire.core.alarm.AlarmSink;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceFilter;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates {@link AlarmRule}s against readings and the passing of time, and reports each rule's
 * state per device to an {@link AlarmSink} as {@link AlarmSignal}s of class {@code rule}.
 *
 * <pre>
 *  reading ──▶ matching rules ──▶ RuleCheck per (rule, device) ──decision──────┐
 *  tick() ───▶ every RuleCheck (holds elapse, silence turns stale) ────────────┴─▶ changed? ──▶ AlarmSink
 *             devices gone from the registry: cleared and forgotten
 * </pre>
 *
 * A state is reported when it changes, and once when first decided (so an alarm left active by a
 * previous run is cleared when its condition no longer holds). Thread-safe: every method holds the
 * instance lock; the sink never blocks (its contract).
 */
public final class RuleEngine {
  private final DeviceRegistry registry;
  private final MetricCatalog catalog;
  private final AlarmSink sink;
  private final Clock clock;
  private final Instant started;
  private final Map<String, AlarmRule> rules = new LinkedHashMap<>();
  /** rule id → device id → state. */
  private final Map<String, Map<String, Tracked>> checks = new HashMap<>();

  private static final class Tracked {
    final RuleCheck check;
    Boolean reported;

    Tracked(RuleCheck check) {
      this.check = check;
    }
  }

  public RuleEngine(List<AlarmRule> rules, DeviceRegistry registry, MetricCatalog catalog, AlarmSink sink, Clock clock) {
    this.registry = registry;
    this.catalog = catalog;
    this.sink = sink;
    this.clock = clock;
    this.started = clock.instant();
    for (AlarmRule r : rules) put(r);
  }

  public synchronized List<AlarmRule> rules() {
    return List.copyOf(rules.values());
  }

  /** Adds or replaces a rule; a replaced rule starts over (its active alarms are cleared first). */
  public synchronized void put(AlarmRule rule) {
    remove(rule.id());
    rules.put(rule.id(), rule);
    checks.put(rule.id(), new HashMap<>());
  }

  /** Removes a rule and clears the alarms it had raised. @return whether it existed */
  public synchronized boolean remove(String ruleId) {
    AlarmRule old = rules.remove(ruleId);
    if (old == null) return false;
    Instant now = clock.instant();
    for (Map.Entry<String, Tracked> e : checks.remove(ruleId).entrySet()) {
      if (Boolean.TRUE.equals(e.getValue().reported)) {
        report(old, e.getKey(), new Decision(false, now, Map.of("reason", "rule removed")));
      }
    }
    return true;
  }

  /** Evaluates every rule that matches the reading's device. */
  public synchronized void onReading(Reading reading) {
    Optional<Device> device = registry.get(reading.deviceId());
    String site = device.map(Device::site).orElse("");
    String kind = device.map(Device::kind).orElse("");
    for (AlarmRule rule : rules.values()) {
      if (!rule.match().matches(reading.deviceId(), site, kind)) continue;
      Map<String, Tracked> byDevice = checks.get(rule.id());
      Tracked t = byDevice.get(reading.deviceId());
      if (t == null) {
        if (!rule.metric().isEmpty() && !reading.values().containsKey(rule.metric())
            && catalog.find(reading.deviceId(), rule.metric()).isEmpty()) {
          continue; // the device does not carry this metric
        }
        t = new Tracked(RuleCheck.of(rule, started));
        byDevice.put(reading.deviceId(), t);
      }
      apply(rule, reading.deviceId(), t, t.check.onReading(reading));
    }
  }

  /** Lets time act: holds that elapsed raise, silent devices turn stale. Call every few seconds. */
  public synchronized void tick() {
    Instant now = clock.instant();
    forgetRemovedDevices(now);
    trackSilentDevices();
    for (AlarmRule rule : rules.values()) {
      for (Map.Entry<String, Tracked> e : checks.get(rule.id()).entrySet()) {
        apply(rule, e.getKey(), e.getValue(), e.getValue().check.onTick(now));
      }
    }
  }

  /**
   * A device removed from the registry is no longer watched: its alarms are cleared (a stale alarm
   * would otherwise stay raised for ever) and its state is dropped, so the map does not only grow.
   */
  private void forgetRemovedDevices(Instant now) {
    for (AlarmRule rule : rules.values()) {
      Iterator<Map.Entry<String, Tracked>> it = checks.get(rule.id()).entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<String, Tracked> e = it.next();
        if (registry.get(e.getKey()).isPresent()) continue;
        it.remove();
        if (Boolean.TRUE.equals(e.getValue().reported)) {
          report(rule, e.getKey(), new Decision(false, now, Map.of("reason", "device removed")));
        }
      }
    }
  }

  /** Stale rules watch every matching device known to the registry, even one never heard since start. */
  private void trackSilentDevices() {
    List<Device> devices = null;
    for (AlarmRule rule : rules.values()) {
      if (!(rule.condition() instanceof RuleCondition.Stale)) continue;
      if (devices == null) devices = registry.list(DeviceFilter.ALL);
      for (Device d : devices) {
        if (!rule.match().matches(d.id(), d.site(), d.kind())) continue;
        if (!rule.metric().isEmpty() && catalog.find(d.id(), rule.metric()).isEmpty()) continue;
        checks.get(rule.id()).computeIfAbsent(d.id(), id -> new Tracked(RuleCheck.of(rule, started)));
      }
    }
  }

  private void apply(AlarmRule rule, String deviceId, Tracked t, Decision d) {
    if (d == null || Boolean.valueOf(d.active()).equals(t.reported)) return;
    t.reported = d.active();
    report(rule, deviceId, d);
  }

  private void report(AlarmRule rule, String deviceId, Decision d) {
    sink.report(new AlarmSignal(deviceId, rule.alarmId(), rule.name(), rule.severity(), "rule", d.active(), d.time(),
        d.values()));
  }
}
