package io.gridwire.mqtt.ingest;

import io.gridwire.core.admission.Admission;
import io.gridwire.core.admission.DeviceAdmission;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.device.Source;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.MetricInfo;
import io.gridwire.core.reading.MetricNameLimit;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import io.gridwire.core.log.RateLimitedLog;
import io.gridwire.mqtt.client.InboundMessage;
import io.gridwire.mqtt.metric.MetricDefaults;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Datalogger and gateway ingest with discovery (SPEC §3.3):
 *
 * <ul>
 *   <li>heartbeat of a new {@code serial_number} → {@link DeviceAdmission#admit} registers it
 *       (kind, type, topic id, site; other fields as attributes), then online; a serial refused
 *       or pending there is counted as {@code not_admitted} and otherwise ignored;
 *   <li>later heartbeats → online and last seen; changed type/id/site/attributes re-registered;
 *       a retained heartbeat replayed by the broker is old news and does not mark presence;
 *   <li>{@code input}/{@code output} → a {@link Reading} of that device on the bus, with
 *       metadata guessed for new metrics ({@link MetricDefaults});
 *   <li>anything unusable → counted by {@link RejectReason}, logged at most once a minute per reason.
 * </ul>
 *
 * {@link #accept} never throws and never blocks: it runs on the MQTT client's I/O thread.
 * Thread-safe.
 */
public final class MqttIngest {
  private static final Logger log = LoggerFactory.getLogger(MqttIngest.class);
  private static final int MAX_ATTRIBUTES = 64;

  private final PayloadParser parser;
  private final Bus<Reading> readings;
  private final DeviceRegistry registry;
  private final MetricCatalog catalog;
  private final PresenceTracker presence;
  private final Clock clock;
  private final IngestCounters counters;
  private final RateLimitedLog rateLimited;
  private final DeviceAdmission admission;
  private final MetricNameLimit names = new MetricNameLimit();

  /** An ingest with a device admission of its own (defaults, in memory). */
  public MqttIngest(PayloadParser parser, Bus<Reading> readings, DeviceRegistry registry, MetricCatalog catalog,
      PresenceTracker presence, Clock clock, IngestCounters counters) {
    this(parser, readings, registry, catalog, presence, clock, counters, new DeviceAdmission(registry, null, clock));
  }

  /** @param admission the gate serial numbers pass before they become devices (configured for MQTT by the caller) */
  public MqttIngest(PayloadParser parser, Bus<Reading> readings, DeviceRegistry registry, MetricCatalog catalog,
      PresenceTracker presence, Clock clock, IngestCounters counters, DeviceAdmission admission) {
    this.admission = admission;
    this.parser = parser;
    this.readings = readings;
    this.registry = registry;
    registry.addRemovalListener(names::forget); // a removed device's names are forgotten with it
    this.catalog = catalog;
    this.presence = presence;
    this.clock = clock;
    this.counters = counters;
    this.rateLimited = new RateLimitedLog(log, clock, Duration.ofMinutes(1));
  }

  /** Handles one message. Never throws. */
  public void accept(InboundMessage m) {
    try {
      handle(m);
    } catch (RuntimeException e) {
      reject(RejectReason.INTERNAL_ERROR, m.topic(), e.toString());
      log.debug("ingest failure on {}", m.topic(), e);
    }
  }

  private void handle(InboundMessage m) {
    DeviceTopic topic = TopicParser.parse(m.topic());
    if (topic == null) {
      reject(RejectReason.MALFORMED_TOPIC, m.topic(), "topic does not follow the site layout");
      return;
    }
    IngestPayload payload = parser.parse(m.payload());
    switch (payload) {
      case IngestPayload.Rejected r -> reject(r.reason(), m.topic(), r.detail());
      case IngestPayload.Parsed p -> {
        if (topic.channel() == DeviceTopic.Channel.HEARTBEAT) heartbeat(topic, p, m.retained());
        else data(topic, p);
      }
    }
  }

  private void heartbeat(DeviceTopic topic, IngestPayload.Parsed p, boolean retained) {
    Optional<Device> known = registry.get(p.serial());
    Device template = template(topic, p, known.orElse(null));
    Admission admitted = admission.admit(template);
    if (!admitted.admitted()) {
      notAdmitted(admitted, m(topic), p.serial());
      return;
    }
    if (admitted instanceof Admission.Admitted a && a.created()) {
      counters.discovered();
      log.info("discovered {} {} (serial {}) on site {}", topic.kind(), template.name(), p.serial(), topic.site());
    } else if (known.isPresent() && changed(known.get(), template)) {
      registry.register(template);
    }
    counters.accepted(DeviceTopic.Channel.HEARTBEAT);
    if (!retained) presence.heartbeat(p.serial(), clock.instant());
  }

  private void data(DeviceTopic topic, IngestPayload.Parsed p) {
    Admission admitted = registry.get(p.serial()).isEmpty() ? null
        : admission.admit(Device.of(p.serial(), topic.site(), topic.kind(), Source.MQTT));
    if (admitted == null) {
      reject(RejectReason.UNKNOWN_DEVICE, m(topic), "data from serial " + p.serial() + " before its first heartbeat");
      return;
    }
    if (!admitted.admitted()) {
      notAdmitted(admitted, m(topic), p.serial());
      return;
    }
    counters.accepted(topic.channel());
    if (p.values().isEmpty()) return;
    MetricNameLimit.Admitted a = names.admit(Reading.of(p.serial(), p.timestamp(), clock.instant(), p.values()));
    if (!a.refused().isEmpty()) reject(RejectReason.TOO_MANY_METRICS, m(topic), "serial " + p.serial() + ": " + a.explain());
    Reading reading = a.reading();
    if (reading.values().isEmpty()) return;
    Map<String, MetricInfo> known = catalog.metrics(p.serial());
    List<MetricInfo> added = new ArrayList<>(0);
    for (Map.Entry<String, Value> e : reading.values().entrySet()) {
      if (!known.containsKey(e.getKey())) added.add(MetricDefaults.infer(e.getKey(), e.getValue()));
    }
    catalog.addAll(p.serial(), added);
    readings.publish(reading);
  }

  /** Counted; a refusal is also logged (rate-limited) by the admission, so only the counter here. */
  private void notAdmitted(Admission a, String topic, String serial) {
    counters.rejected(RejectReason.NOT_ADMITTED);
    log.debug("mqtt ingest: serial {} on {} not admitted: {}", serial, topic, a);
  }

  private static String m(DeviceTopic topic) {
    return topic.site() + "/" + topic.kind() + "/" + topic.topicId();
  }

  private static Device template(DeviceTopic topic, IngestPayload.Parsed p, Device known) {
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("site", topic.site());
    attrs.put("topic_id", topic.topicId());
    if (topic.type() != null) attrs.put("type", topic.type());
    for (Map.Entry<String, String> e : p.attributes().entrySet()) {
      if (attrs.size() >= MAX_ATTRIBUTES) break;
      attrs.putIfAbsent(e.getKey(), e.getValue());
    }
    String name = topic.type() != null ? topic.type() + "/" + topic.topicId() : "Gateway " + topic.topicId();
    Device base = new Device(p.serial(), topic.site(), topic.kind(), Source.MQTT, topic.type(), p.serial(), name,
        false, null, null, attrs);
    // A name set by an operator (not the generated one) survives heartbeats.
    if (known != null && !known.name().equals(known.id()) && !known.name().equals(generatedName(known))) {
      base = base.withName(known.name());
    }
    return base;
  }

  private static String generatedName(Device d) {
    String topicId = d.attributes().getOrDefault("topic_id", "");
    return d.model() != null ? d.model() + "/" + topicId : "Gateway " + topicId;
  }

  private static boolean changed(Device old, Device t) {
    return !Objects.equals(old.site(), t.site()) || !Objects.equals(old.kind(), t.kind())
        || !Objects.equals(old.model(), t.model()) || !Objects.equals(old.name(), t.name())
        || !Objects.equals(old.serialNumber(), t.serialNumber()) || !old.attributes().equals(t.attributes())
        || old.source() != t.source();
  }

  private void reject(RejectReason reason, String topic, String detail) {
    counters.rejected(reason);
    rateLimited.warn(reason.wireName(), "mqtt ingest: " + reason.wireName() + " on '" + abbreviate(topic) + "': "
        + abbreviate(detail));
  }

  private static String abbreviate(String s) {
    if (s == null) return "";
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }

  public PresenceTracker presence() {
    return presence;
  }

  public IngestCounters counters() {
    return counters;
  }
}
