package io.gridwire.core.device;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every device the gateway knows, with presence. Discovery and online/offline transitions are
 * published as {@link Event}s; every change marks the device dirty so a store can persist it in
 * batches ({@link #drainDirty}). Thread-safe; work for one device is serialised by the map.
 */
public final class DeviceRegistry {
  private final ConcurrentHashMap<String, Device> devices = new ConcurrentHashMap<>();
  private final Set<String> dirty = ConcurrentHashMap.newKeySet();
  private final Set<String> removed = ConcurrentHashMap.newKeySet();
  private final Set<String> restoredOnly = ConcurrentHashMap.newKeySet();
  private final CopyOnWriteArrayList<Consumer<Device>> listeners = new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<Consumer<String>> removalListeners = new CopyOnWriteArrayList<>();
  private final Map<Source, java.util.concurrent.atomic.AtomicInteger> perSource = new java.util.EnumMap<>(Source.class);
  private final Bus<Event> events;
  private final Clock clock;

  public DeviceRegistry(Bus<Event> events, Clock clock) {
    this.events = events;
    this.clock = clock;
    for (Source s : Source.values()) perSource.put(s, new java.util.concurrent.atomic.AtomicInteger());
  }

  /** Loads devices from a store at start, without events; all start offline until heard from. */
  public void restore(List<Device> stored) {
    for (Device d : stored) {
      Device old = devices.put(d.id(), d.withPresence(false, d.lastSeen(), d.error()));
      restoredOnly.add(d.id());
      if (old != null) perSource.get(old.source()).decrementAndGet();
      perSource.get(d.source()).incrementAndGet();
    }
  }

  /**
   * Registers a device or updates its descriptive fields (site, kind, model, name, serial,
   * attributes), keeping presence. A new id publishes {@code device_discovered}.
   */
  public Device register(Device template) {
    return update(template.id(), old -> template);
  }

  /**
   * Registers or updates a device from what is there at that moment, in one atomic step (an
   * operator's edit that must not race a connector's registration). {@code change} receives the
   * current device or null and returns the device to keep; an exception it throws leaves the
   * registry unchanged and reaches the caller. Presence is kept from the current device. A new id
   * publishes {@code device_discovered}.
   */
  public Device update(String id, java.util.function.UnaryOperator<Device> change) {
    boolean[] created = {false};
    restoredOnly.remove(id);
    Device result = devices.compute(id, (k, old) -> {
      Device next = change.apply(old);
      if (!next.id().equals(id)) throw new IllegalArgumentException("device id changed from " + id + " to " + next.id());
      if (old == null) {
        created[0] = true;
        perSource.get(next.source()).incrementAndGet();
        return next;
      }
      if (old.source() != next.source()) {
        perSource.get(old.source()).decrementAndGet();
        perSource.get(next.source()).incrementAndGet();
      }
      return new Device(id, next.site(), next.kind(), next.source(), next.model(), next.serialNumber(), next.name(),
          old.online(), old.lastSeen(), old.error(), next.attributes());
    });
    changed(result);
    if (created[0]) {
      publish(new Event(clock.instant(), result.id(), EventType.DEVICE_DISCOVERED,
          "discovered " + result.kind() + " " + result.id() + " via " + result.source().wireName(),
          Map.of("source", result.source().wireName(), "kind", result.kind(), "site", result.site())));
    }
    return result;
  }

  /** The device answered: online, last seen now, error cleared. Unknown ids are ignored. */
  public void seen(String id) {
    seen(id, clock.instant());
  }

  public void seen(String id, Instant at) {
    restoredOnly.remove(id);
    boolean[] cameOnline = {false};
    Device d = devices.computeIfPresent(id, (k, old) -> {
      cameOnline[0] = !old.online();
      Instant last = old.lastSeen() != null && old.lastSeen().isAfter(at) ? old.lastSeen() : at;
      return old.withPresence(true, last, null);
    });
    if (d == null) return;
    dirty.add(id);
    if (cameOnline[0]) {
      changed(d);
      publish(Event.of(clock.instant(), id, EventType.DEVICE_ONLINE, id + " is online"));
    }
  }

  /**
   * The device stopped answering. Publishes {@code device_offline} on the transition and a
   * {@code connection_error} whenever the error text changes.
   *
   * @param error what went wrong, for the operator; null for a plain timeout of presence
   */
  public void offline(String id, String error) {
    restoredOnly.remove(id);
    Device[] before = {null};
    Device d = devices.computeIfPresent(id, (k, old) -> {
      before[0] = old;
      return old.withPresence(false, old.lastSeen(), error);
    });
    if (d == null) return;
    Device old = before[0];
    if (old.online() || !java.util.Objects.equals(old.error(), error)) changed(d);
    if (old.online()) {
      publish(new Event(clock.instant(), id, EventType.DEVICE_OFFLINE,
          id + " is offline" + (error == null ? "" : ": " + error), error == null ? Map.of() : Map.of("error", error)));
    }
    if (error != null && !error.equals(old.error())) {
      publish(new Event(clock.instant(), id, EventType.CONNECTION_ERROR, error, Map.of("error", error)));
    }
  }

  /** Forgets a device (the store deletes it on the next drain). */
  public Optional<Device> remove(String id) {
    return removeIf(id, d -> true);
  }

  /**
   * Forgets a device only when {@code condition} holds for it at that moment, atomically with
   * respect to presence updates (e.g. "still offline" for an operator's delete).
   *
   * @return the removed device; empty when unknown or the condition did not hold
   */
  public Optional<Device> removeIf(String id, java.util.function.Predicate<Device> condition) {
    Device[] removedDevice = {null};
    devices.computeIfPresent(id, (k, old) -> {
      if (!condition.test(old)) return old;
      removedDevice[0] = old;
      perSource.get(old.source()).decrementAndGet();
      return null;
    });
    Device d = removedDevice[0];
    if (d != null) {
      restoredOnly.remove(id);
      dirty.remove(id);
      removed.add(id);
      publish(Event.of(clock.instant(), id, EventType.DEVICE_REMOVED, id + " removed"));
      for (Consumer<Device> l : listeners) l.accept(d.withPresence(false, d.lastSeen(), "removed"));
      for (Consumer<String> l : removalListeners) l.accept(id);
    }
    return Optional.ofNullable(d);
  }

  /**
   * True while a device is known only from the store: no connector of this process has
   * registered it or reported its presence since start (in a fleet sharing one database, another
   * node may own it).
   */
  public boolean restoredOnly(String id) {
    return restoredOnly.contains(id);
  }

  public Optional<Device> get(String id) {
    return Optional.ofNullable(devices.get(id));
  }

  public List<Device> list(DeviceFilter filter) {
    List<Device> out = new ArrayList<>();
    for (Device d : devices.values()) if (filter.matches(d)) out.add(d);
    out.sort(Comparator.comparing(Device::site).thenComparing(Device::id));
    return out;
  }

  public int size() {
    return devices.size();
  }

  /** Devices of one source, in constant time (admission caps are checked on every new id). */
  public int count(Source source) {
    return perSource.get(source).get();
  }

  /**
   * Called on registration, online/offline transitions and removal (not on every last-seen
   * update). Listeners run on the caller's thread and must be quick.
   */
  public void addListener(Consumer<Device> listener) {
    listeners.add(listener);
  }

  /**
   * Called with the id of each removed device, after it is gone (state kept per device id can be
   * dropped). Listeners run on the caller's thread and must be quick.
   */
  public void addRemovalListener(Consumer<String> listener) {
    removalListeners.add(listener);
  }

  /** Devices changed since the last call (to upsert) and ids removed (to delete). */
  public Changes drainDirty() {
    List<Device> changed = new ArrayList<>();
    for (String id : List.copyOf(dirty)) {
      dirty.remove(id);
      Device d = devices.get(id);
      if (d != null) changed.add(d);
    }
    List<String> gone = new ArrayList<>();
    for (String id : List.copyOf(removed)) {
      removed.remove(id);
      gone.add(id);
    }
    return new Changes(changed, gone);
  }

  /** What {@link #drainDirty} returns. */
  public record Changes(List<Device> upserted, List<String> removed) {
    public boolean isEmpty() {
      return upserted.isEmpty() && removed.isEmpty();
    }
  }

  private void changed(Device d) {
    dirty.add(d.id());
    for (Consumer<Device> l : listeners) l.accept(d);
  }

  private void publish(Event e) {
    if (events != null) events.publish(e);
  }
}
