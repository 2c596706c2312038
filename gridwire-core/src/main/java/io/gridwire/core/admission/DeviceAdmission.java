package io.gridwire.core.admission;

import io.gridwire.core.admission.PendingDevice.State;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.device.Source;
import io.gridwire.core.log.RateLimitedLog;
import io.gridwire.core.port.AdmissionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one gate every connector passes a device id through before it becomes a device (OIG
 * {@code ID_Device}, MQTT {@code serial_number}, WebSocket device id).
 *
 * <pre>
 *  id ──▶ grammar ──▶ device or pending id of another source? ──▶ rejected by an admin? ──▶ allowlist policy: listed? ──▶ known device ──▶ Admitted
 *           │ no            │ yes                                      │ yes                      │ no                        │ unknown
 *           ▼               ▼                                          ▼                          ▼                           ▼
 *       Refused          Refused                                    Refused                    Refused          already pending ──▶ Pending
 *      invalid_id        id_conflict                                rejected                  not_listed                  │ new
 *                                                       devices + pending ≥ max_devices ──▶ Refused device_limit
 *                                                       max_new_per_minute reached      ──▶ Refused rate_limit
 *                                                       policy pending ──▶ held Pending (persisted)
 *                                                       otherwise      ──▶ registered, Admitted(created)
 * </pre>
 *
 * Refusals are counted per source and reason and logged at most once a minute per source and
 * reason. Pending ids are kept in the {@link AdmissionStore} (when given) so they survive a
 * restart; an approved id becomes a device in the registry (persisted with the devices). A source
 * never configured uses {@link AdmissionConfig#DEFAULT}. Thread-safe; known devices are admitted
 * without a lock.
 */
public final class DeviceAdmission {
  private static final Logger log = LoggerFactory.getLogger(DeviceAdmission.class);
  private static final Admission KNOWN = new Admission.Admitted(false);
  private static final Admission PENDING = new Admission.Pending();

  private final DeviceRegistry registry;
  private final AdmissionStore store;
  private final Clock clock;
  private final Map<Source, SourceGate> gates = new EnumMap<>(Source.class);
  /** Sources configured or asked about: the ones with admission (Modbus and synthetic devices never pass it). */
  private final java.util.Set<Source> gated = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<String, PendingDevice> held = new ConcurrentHashMap<>();
  private final RateLimitedLog rateLimited;

  /** @param store where pending ids persist; null keeps them in memory only */
  public DeviceAdmission(DeviceRegistry registry, AdmissionStore store, Clock clock) {
    this.registry = registry;
    this.store = store;
    this.clock = clock;
    this.rateLimited = new RateLimitedLog(log, clock, Duration.ofMinutes(1));
    for (Source s : Source.values()) gates.put(s, new SourceGate(s, AdmissionConfig.DEFAULT));
    if (store != null) for (PendingDevice p : store.loadAll()) restore(p);
  }

  /** Sets the admission of one source; call before its connector starts. */
  public synchronized void configure(Source source, AdmissionConfig config) {
    SourceGate g = new SourceGate(source, config);
    g.pending.set(gates.get(source).pending.get());
    gates.put(source, g);
    gated.add(source);
  }

  public AdmissionConfig config(Source source) {
    return gate(source).config;
  }

  /**
   * Decides for one message of {@code template.id()} from {@code template.source()}; registers the
   * device when it is new and admitted. Never throws for bad input; does not block on I/O except
   * to persist a newly pending id.
   *
   * @param template the device as the connector would register it
   */
  public Admission admit(Device template) {
    return decide(template, true);
  }

  /**
   * Like {@link #admit}, for a connector whose devices authenticate with a credential and whose ids
   * follow a grammar of its own (WebSocket {@code session_id}: up to 128 characters, {@code @}
   * allowed): every step but the {@link DeviceIdRule} grammar, so the caps, the policy, admin
   * rejections and id conflicts hold for it too.
   */
  public Admission admitAuthenticated(Device template) {
    return decide(template, false);
  }

  private Admission decide(Device template, boolean checkGrammar) {
    SourceGate g = gate(template.source());
    if (!gated.contains(g.source)) gated.add(g.source);
    String id = template.id();
    String problem = checkGrammar ? DeviceIdRule.problem(id) : null;
    if (problem != null) {
      return refuse(g, RefusalReason.INVALID_ID, id, problem + "; the device must be configured with an id of at most "
          + DeviceIdRule.MAX_LENGTH + " letters, digits or . _ : - (the message is ignored)");
    }
    PendingDevice p = held.get(id);
    Source other = otherSource(id, g.source, p);
    if (other != null) return conflict(g, id, other);
    if (p != null && p.state() == State.REJECTED) {
      return refuse(g, RefusalReason.REJECTED, id, "an admin rejected it; POST /api/devices/" + id + "/approve admits it");
    }
    if (g.config.policy() == AdmissionPolicy.ALLOWLIST && !g.config.allowlist().contains(id)) {
      return refuse(g, RefusalReason.NOT_LISTED, id, "not on " + g.key() + ".allowlist; add it there and restart to admit it");
    }
    if (registry.get(id).isPresent()) return KNOWN;
    if (p != null) {
      held.computeIfPresent(id, (k, old) -> old.seen(template, clock.instant()));
      return PENDING;
    }
    return decideNew(g, template, checkGrammar);
  }

  private Admission decideNew(SourceGate g, Device template, boolean checkGrammar) {
    String id = template.id();
    synchronized (g) {
      if (held.containsKey(id)) return decide(template, checkGrammar);
      Source other = otherSource(id, g.source, null);
      if (other != null) return conflict(g, id, other);
      if (registry.get(id).isPresent()) return KNOWN;
      if (registry.count(g.source) + g.pending.get() >= g.config.maxDevices()) {
        return refuse(g, RefusalReason.DEVICE_LIMIT, id, g.config.maxDevices() + " devices (known and pending) reached; raise "
            + g.key() + ".max_devices or remove devices that are gone (DELETE /api/devices/{id})");
      }
      Instant now = clock.instant();
      if (!g.window.tryAdd(now)) {
        return refuse(g, RefusalReason.RATE_LIMIT, id, "more than " + g.config.maxNewPerMinute()
            + " new devices within a minute; it is admitted when it comes again later (raise " + g.key()
            + ".max_new_per_minute for a large roll-out)");
      }
      if (g.config.policy() == AdmissionPolicy.PENDING) return hold(g, template, now);
      registry.register(template);
      g.admittedNew.increment();
      return new Admission.Admitted(true);
    }
  }

  /** The source that already owns {@code id} (as a device or a pending id) when it is not {@code source}; else null. */
  private Source otherSource(String id, Source source, PendingDevice p) {
    Source owner = registry.get(id).map(Device::source).orElse(p == null ? null : p.device().source());
    return owner == null || owner == source ? null : owner;
  }

  private Admission conflict(SourceGate g, String id, Source owner) {
    return refuse(g, RefusalReason.ID_CONFLICT, id, "the id is already a device of source " + owner.wireName()
        + "; a device of source " + g.source.wireName() + " cannot take it over (give one of them another id, or remove the "
        + owner.wireName() + " device with DELETE /api/devices/{id} if it is gone)");
  }

  private Admission hold(SourceGate g, Device template, Instant now) {
    PendingDevice p = new PendingDevice(template, State.PENDING, now, now);
    held.put(template.id(), p);
    g.pending.incrementAndGet();
    g.heldPending.increment();
    persist(p);
    log.info("new {} device '{}' is pending: an admin approves it with POST /api/devices/{}/approve "
        + "(or rejects it with .../reject); until then it has no readings", g.source.wireName(), template.id(), template.id());
    return PENDING;
  }

  /** Pending and rejected ids, oldest first. */
  public List<PendingDevice> pending() {
    List<PendingDevice> out = new ArrayList<>(held.values());
    out.sort(Comparator.comparing(PendingDevice::firstSeen).thenComparing(PendingDevice::id));
    return out;
  }

  /**
   * Makes a pending (or rejected) id a device: registered now, offline until it is heard from.
   *
   * @return the device; empty when the id is neither pending nor rejected
   */
  public Optional<Device> approve(String id) {
    PendingDevice found = held.get(id);
    if (found == null) return Optional.empty();
    SourceGate g = gate(found.device().source());
    PendingDevice p;
    Device d;
    synchronized (g) { // no admit() of the same id between the removal and the registration
      p = held.remove(id);
      if (p == null) return Optional.empty();
      if (p.state() == State.PENDING) g.pending.decrementAndGet();
      d = registry.register(p.device());
    }
    if (store != null) store.delete(id);
    log.info("{} device '{}' approved", p.device().source().wireName(), id);
    return Optional.of(d);
  }

  /**
   * Refuses a pending id from now on (kept as rejected, so it does not come back as pending).
   *
   * @return the rejected entry; empty when the id is not pending
   */
  public Optional<PendingDevice> reject(String id) {
    PendingDevice[] out = {null};
    held.computeIfPresent(id, (k, p) -> {
      if (p.state() != State.PENDING) return p;
      out[0] = p.withState(State.REJECTED);
      return out[0];
    });
    if (out[0] == null) return Optional.empty();
    gate(out[0].device().source()).pending.decrementAndGet();
    persist(out[0]);
    log.info("{} device '{}' rejected", out[0].device().source().wireName(), id);
    return Optional.of(out[0]);
  }

  /** State and totals of every source with admission (configured, or that passed an id), in source order. */
  public List<AdmissionCounts> counts() {
    List<AdmissionCounts> out = new ArrayList<>();
    for (Source s : Source.values()) if (gated.contains(s)) out.add(counts(s));
    return out;
  }

  public AdmissionCounts counts(Source source) {
    return gate(source).counts(registry.count(source));
  }

  private SourceGate gate(Source source) {
    synchronized (this) {
      return gates.get(source);
    }
  }

  private Admission refuse(SourceGate g, RefusalReason reason, String id, String detail) {
    g.refused.get(reason).increment();
    rateLimited.warn(g.source.wireName() + "/" + reason.wireName(), g.source.wireName() + " device '" + printable(id)
        + "' refused (" + reason.wireName() + "): " + detail);
    return new Admission.Refused(reason, detail);
  }

  private void restore(PendingDevice p) {
    if (registry.get(p.id()).isPresent()) {
      store.delete(p.id());
      return;
    }
    held.put(p.id(), p);
    if (p.state() == State.PENDING) gates.get(p.device().source()).pending.incrementAndGet();
  }

  private void persist(PendingDevice p) {
    if (store == null) return;
    try {
      store.save(p);
    } catch (RuntimeException e) {
      log.warn("could not store the admission state of '{}': {} (kept in memory until restart)", p.id(), e.toString());
    }
  }

  /** An id fit for a log line: at most 64 characters, non-printable ones shown as '?'. */
  static String printable(String id) {
    if (id == null) return "";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(id.length(), 64); i++) {
      char c = id.charAt(i);
      b.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    if (id.length() > 64) b.append("…(").append(id.length()).append(" characters)");
    return b.toString();
  }
}
