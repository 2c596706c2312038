package io.gridwire.oig.proxy;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.device.Source;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.MetricInfo;
import io.gridwire.core.reading.Reading;
import io.gridwire.oig.codec.FrameKind;
import io.gridwire.oig.codec.OigFrame;
import io.gridwire.oig.field.ReadingMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns box frames into readings, device presence and setting events. One reading per table
 * frame; a frame whose device + table + bank + {@code DT} was already published (a Box replaying
 * its queue) is recognised and not published again. Thread-safe.
 */
final class Telemetry {
  private static final int DEDUP_KEYS_PER_DEVICE = 256;
  private static final Pattern REMOTELY =
      Pattern.compile("Remotely\\s*:\\s*(\\w+)\\s*/\\s*(\\w+)\\s*:\\s*\\[([^\\]]*)\\]->\\[([^\\]]*)\\]");

  private final ReadingMapper mapper;
  private final Bus<Reading> readings;
  private final Bus<Event> events;
  private final DeviceRegistry registry;
  private final MetricCatalog catalog;
  private final Set<String> registered = ConcurrentHashMap.newKeySet();
  private final Map<String, Map<String, Boolean>> recent = new ConcurrentHashMap<>();
  final AtomicLong published = new AtomicLong();
  final AtomicLong duplicates = new AtomicLong();

  Telemetry(ReadingMapper mapper, Bus<Reading> readings, Bus<Event> events, DeviceRegistry registry, MetricCatalog catalog) {
    this.mapper = mapper;
    this.readings = readings;
    this.events = events;
    this.registry = registry;
    this.catalog = catalog;
  }

  /** Handles one box frame with a good CRC. */
  void onBoxFrame(OigFrame frame, Instant receivedAt) {
    String device = frame.deviceId();
    if (device == null || device.isBlank()) return;
    if (registered.add(device)) {
      registry.register(Device.of(device, "", "battery-box", Source.OIG).withModel("OIG BatteryBox").withSerialNumber(device));
    }
    registry.seen(device, receivedAt);
    mapper.map(frame, receivedAt).ifPresent(m -> publish(device, m));
    if ("tbl_events".equals(frame.table())) settingEvent(device, frame, receivedAt);
  }

  /** A cloud setting on its way to the box, or the box's confirmation of one. */
  void onSetting(String device, OigFrame frame, Instant at, String stage) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("stage", stage);
    put(data, "table", frame.get("TblName"));
    put(data, "item", frame.get("TblItem"));
    put(data, "value", frame.get("NewValue"));
    put(data, "id_set", frame.get("ID_Set"));
    String what = frame.kind() == FrameKind.SETTING
        ? "cloud setting " + frame.get("TblName") + "/" + frame.get("TblItem") + " := " + frame.get("NewValue")
        : "box confirmed setting";
    events.publish(new Event(at, device, EventType.SETTING, what, data));
  }

  private void settingEvent(String device, OigFrame frame, Instant at) {
    String content = frame.get("Content");
    if (content == null || !"Setting".equals(frame.get("Type"))) return;
    Matcher m = REMOTELY.matcher(content);
    if (!m.find()) return;
    events.publish(new Event(at, device, EventType.SETTING,
        "box applied " + m.group(1) + "/" + m.group(2) + ": " + m.group(3) + " -> " + m.group(4),
        Map.of("stage", "applied", "table", m.group(1), "item", m.group(2), "old", m.group(3), "value", m.group(4))));
  }

  private void publish(String device, ReadingMapper.Mapped m) {
    String key = m.table() + '/' + m.bank() + '/' + (m.dt() == null ? m.reading().receivedAt() : m.dt());
    Map<String, Boolean> seen = recent.computeIfAbsent(device, d -> lru());
    synchronized (seen) {
      if (seen.putIfAbsent(key, Boolean.TRUE) != null) {
        duplicates.incrementAndGet();
        return;
      }
    }
    for (MetricInfo info : m.metrics()) {
      if (catalog.find(device, info.name()).isEmpty()) catalog.add(device, info);
    }
    readings.publish(m.reading());
    published.incrementAndGet();
  }

  private static Map<String, Boolean> lru() {
    return new LinkedHashMap<>(64, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > DEDUP_KEYS_PER_DEVICE;
      }
    };
  }

  private static void put(Map<String, String> data, String k, String v) {
    if (v != null) data.put(k, v);
  }
}
