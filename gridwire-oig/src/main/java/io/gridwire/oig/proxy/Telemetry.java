package io.gridwire.oig.proxy;

import io.gridwire.core.admission.Admission;
import io.gridwire.core.admission.DeviceAdmission;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.device.Source;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.MetricInfo;
import io.gridwire.core.reading.MetricNameLimit;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import io.gridwire.oig.codec.OigFrame;
import io.gridwire.oig.compat.TableFrame;
import io.gridwire.oig.field.OigAlarms;
import io.gridwire.oig.field.ReadingMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns box frames into readings, device presence and setting events. One reading per table
 * frame; a frame whose device + table + bank + {@code DT} was already published (a Box replaying
 * its queue) is recognised and not published again. Thread-safe.
 */
final class Telemetry {
  private static final int DEDUP_KEYS_PER_DEVICE = 256;
  private static final Pattern REMOTELY =
      Pattern.compile("Remotely\\s*:\\s*(\\w+)\\s*/\\s*(\\w+)\\s*:\\s*\\[([^\\]]*)\\]->\\[([^\\]]*)\\]");

  /** Maker and model for Home Assistant's device block. */
  private static final Map<String, String> BOX_ATTRIBUTES = Map.of("manufacturer", "OIG Power", "model", "BatteryBox");

  private static final Logger log = LoggerFactory.getLogger(Telemetry.class);
  private final ReadingMapper mapper;
  private final Bus<Reading> readings;
  private final Bus<Event> events;
  private final DeviceRegistry registry;
  private final MetricCatalog catalog;
  private final DeviceAdmission admission;
  private final Map<String, Map<String, Boolean>> recent = new ConcurrentHashMap<>();
  /**
   * The device each box id is admitted as, made once: admission runs for every frame, and making
   * the device (four validated copies) cost more than deciding on a known one.
   */
  private final Map<String, Device> templates = new ConcurrentHashMap<>();
  private static final int MAX_TEMPLATES = 10_000;
  final AtomicLong published = new AtomicLong();
  private volatile Consumer<TableFrame> tableListener;
  final AtomicLong duplicates = new AtomicLong();
  /** Readings that carried metric names past a box's bound (their other values were published). */
  final AtomicLong metricsRefused = new AtomicLong();
  private final MetricNameLimit names = new MetricNameLimit();

  Telemetry(ReadingMapper mapper, Bus<Reading> readings, Bus<Event> events, DeviceRegistry registry, MetricCatalog catalog,
      DeviceAdmission admission) {
    this.admission = admission;
    this.mapper = mapper;
    this.readings = readings;
    this.events = events;
    this.registry = registry;
    registry.addRemovalListener(names::forget); // a removed device's names are forgotten with it
    this.catalog = catalog;
  }

  /**
   * The admission of the box id of a frame with a good CRC that carries one; a new id admitted
   * is registered (again, after an operator removed it).
   */
  Admission admit(OigFrame frame) {
    String device = frame.deviceId();
    Device template = templates.get(device);
    if (template == null) {
      template = Device.of(device, "", "battery-box", Source.OIG).withModel("OIG BatteryBox").withSerialNumber(device)
          .withAttributes(BOX_ATTRIBUTES);
      if (templates.size() >= MAX_TEMPLATES) templates.clear(); // ids a flood of unknown boxes sent: made again when needed
      templates.put(device, template);
    }
    return admission.admit(template);
  }

  /** True when the frame's box id is a registered device: {@link #admit} then decides in memory, without the store. */
  boolean registered(OigFrame frame) {
    return registry.get(frame.deviceId()).isPresent();
  }

  /** Handles one box frame with a good CRC whose box is admitted ({@link #admit}). */
  void onBoxFrame(OigFrame frame, Instant receivedAt) {
    String device = frame.deviceId();
    if (device == null || device.isBlank() || registry.get(device).isEmpty()) return;
    registry.seen(device, receivedAt);
    mapper.map(frame, receivedAt).ifPresent(m -> publish(device, m));
    if ("tbl_events".equals(frame.table())) settingEvent(device, frame, receivedAt);
  }

  /** A cloud {@code Setting} frame on its way to the box: stage {@code sent}. */
  void onSettingSent(String device, OigFrame setting, Instant at) {
    events.publish(new Event(at, device, EventType.SETTING, "cloud setting " + describe(setting), settingData("sent", setting)));
  }

  /**
   * The box's confirmation ({@code <Result>ACK</Result><Reason>Setting</Reason>}, which names no
   * setting): stage {@code confirmed}, with the table/item/value/id_set of {@code sent}, the last
   * setting sent on that connection, or the stage alone when none was.
   */
  void onSettingConfirmed(String device, OigFrame sent, Instant at) {
    String what = sent == null ? "box confirmed a setting not seen on this connection" : "box confirmed setting " + describe(sent);
    events.publish(new Event(at, device, EventType.SETTING, what, settingData("confirmed", sent)));
  }

  private static Map<String, String> settingData(String stage, OigFrame setting) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("stage", stage);
    if (setting == null) return data;
    put(data, "table", setting.get("TblName"));
    put(data, "item", setting.get("TblItem"));
    put(data, "value", setting.get("NewValue"));
    put(data, "id_set", setting.get("ID_Set"));
    return data;
  }

  private static String describe(OigFrame setting) {
    return setting.get("TblName") + "/" + setting.get("TblItem") + " := " + setting.get("NewValue");
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
    MetricNameLimit.Admitted a = names.admit(m.reading());
    Map<String, Value> values = a.reading().values();
    if (!a.refused().isEmpty()) {
      // a box names its fields by its firmware's tables: thousands of names are a broken or forged stream
      if (metricsRefused.getAndIncrement() % 1_000 == 0) log.warn("OIG box {}: {}", device, a.explain());
      if (values.isEmpty()) return;
    }
    Map<String, MetricInfo> known = catalog.metrics(device); // one lookup of the device, not one per field
    List<MetricInfo> added = null;
    for (MetricInfo info : m.metrics()) {
      if (!known.containsKey(info.name()) && values.containsKey(info.name())) {
        (added == null ? added = new ArrayList<>() : added).add(info);
      }
    }
    if (added != null) catalog.addAll(device, added);
    if (OigAlarms.TABLE.equals(m.table()) && catalog.alarms(device).isEmpty()) {
      catalog.declareAlarms(device, OigAlarms.table());
    }
    readings.publish(a.reading());
    published.incrementAndGet();
    Consumer<TableFrame> l = tableListener;
    if (l != null && a.refused().isEmpty()) l.accept(tableFrame(device, m));
  }

  /** Also hands every published table frame, under the Box's field names, to {@code listener}. */
  void onTable(Consumer<TableFrame> listener) {
    this.tableListener = listener;
  }

  private static TableFrame tableFrame(String device, ReadingMapper.Mapped m) {
    Map<String, Value> values = new LinkedHashMap<>();
    Map<String, MetricInfo> infos = new LinkedHashMap<>();
    for (int i = 0; i < m.fields().size(); i++) {
      MetricInfo info = m.metrics().get(i);
      Value v = m.reading().values().get(info.name());
      if (v == null) continue;
      values.put(m.fields().get(i), v);
      infos.put(m.fields().get(i), info);
    }
    return new TableFrame(device, m.table(), m.bank(), values, infos);
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
