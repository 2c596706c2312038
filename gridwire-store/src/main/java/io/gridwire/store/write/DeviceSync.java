package io.gridwire.store.write;

import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.port.DeviceStore;
import io.gridwire.core.schedule.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists the registry's changes ({@link DeviceRegistry#drainDirty}) every interval and at
 * close. Changes that fail to write are kept (newest snapshot per device) and retried on the
 * next run. Thread-safe.
 */
public final class DeviceSync implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DeviceSync.class);

  private final DeviceRegistry registry;
  private final DeviceStore store;
  private final Map<String, Device> upserts = new LinkedHashMap<>();
  private final Set<String> removals = new LinkedHashSet<>();
  private Scheduler.Task timer;

  public DeviceSync(DeviceRegistry registry, DeviceStore store) {
    this.registry = registry;
    this.store = store;
  }

  /** Syncs every {@code interval} on a virtual thread timed by {@code scheduler} (a sync writes to the store). */
  public void start(Duration interval, Scheduler scheduler) {
    timer = scheduler.everyBlocking("store-device-sync", interval, interval, this::syncSafely);
  }

  /** Writes pending changes now. Blocking; throws when the store fails (changes are kept). */
  public synchronized void sync() {
    DeviceRegistry.Changes changes = registry.drainDirty();
    for (String id : changes.removed()) {
      upserts.remove(id);
      removals.add(id);
    }
    for (Device d : changes.upserted()) {
      removals.remove(d.id());
      upserts.put(d.id(), d);
    }
    if (upserts.isEmpty() && removals.isEmpty()) return;
    store.upsert(new ArrayList<>(upserts.values()));
    upserts.clear();
    store.delete(new ArrayList<>(removals));
    removals.clear();
  }

  private void syncSafely() {
    try {
      sync();
    } catch (RuntimeException e) {
      log.warn("device sync failed, retrying next interval: {}", e.getMessage());
    }
  }

  /** Stops the timer and writes what is pending. Blocking. */
  @Override
  public void close() {
    if (timer != null) timer.stop(Duration.ZERO); // interrupts a run in progress; sync() below waits for its lock
    syncSafely();
  }
}
