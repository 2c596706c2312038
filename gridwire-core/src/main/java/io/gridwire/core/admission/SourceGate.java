package io.gridwire.core.admission;

import io.gridwire.core.device.Source;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One source's admission settings, its new-device window and its counters. The decision for a
 * new id is made under this object's lock, so the caps hold exactly under concurrent floods.
 */
final class SourceGate {
  final Source source;
  final AdmissionConfig config;
  final NewDeviceWindow window;
  /** Pending (not rejected) ids of this source. */
  final AtomicInteger pending = new AtomicInteger();
  final LongAdder admittedNew = new LongAdder();
  final LongAdder heldPending = new LongAdder();
  final Map<RefusalReason, LongAdder> refused = new EnumMap<>(RefusalReason.class);

  SourceGate(Source source, AdmissionConfig config) {
    this.source = source;
    this.config = config;
    this.window = new NewDeviceWindow(config.maxNewPerMinute());
    for (RefusalReason r : RefusalReason.values()) refused.put(r, new LongAdder());
  }

  /** The config key prefix operators set, e.g. {@code oig.admission}. */
  String key() {
    return (source == Source.WS ? "ws_devices" : source.wireName()) + ".admission";
  }

  AdmissionCounts counts(int devices) {
    Map<String, Long> byReason = new java.util.LinkedHashMap<>();
    refused.forEach((r, n) -> byReason.put(r.wireName(), n.sum()));
    return new AdmissionCounts(source.wireName(), config.policy().wireName(), devices, config.maxDevices(),
        config.maxNewPerMinute(), pending.get(), admittedNew.sum(), heldPending.sum(), byReason);
  }
}
