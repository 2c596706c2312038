package io.gridwire.oig.compat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.core.device.Device;
import io.gridwire.core.log.RateLimitedLog;
import io.gridwire.core.reading.MetricInfo;
import io.gridwire.core.reading.Value;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each box's tables the way the community OIG proxy does ({@link OigLocalNames}), so
 * Home Assistant's OIG integration in local mode finds the entities it reads. Optional
 * ({@code mqtt.oig_local_compat}); Gridwire's own topics and entities stay as they are.
 *
 * <p>Per table frame (bank 0; banks above 0 have no name in that scheme): the retained JSON state
 * of the frame's fields under the Box's names, the box's availability {@code online} when it was
 * not, and a discovery config for each field not yet announced. Every config is announced again
 * when the last announcement of its table is older than {@link #REANNOUNCE}, so a broker that lost
 * its retained messages is repaired without a hook into the connection. Publish failures are
 * counted ({@link #failed}) and logged at most once a minute. Thread-safe.
 */
public final class OigLocalPublisher implements Consumer<TableFrame> {
  private static final Logger log = LoggerFactory.getLogger(OigLocalPublisher.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Duration REANNOUNCE = Duration.ofMinutes(15);

  /** Where messages go: topic, payload, retain (QoS 1). */
  @FunctionalInterface
  public interface Sink {
    CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain);
  }

  private final Sink sink;
  private final String discoveryPrefix;
  private final String gatewayIdentifier;
  private final String version;
  private final Clock clock;
  private final Map<String, Instant> announced = new ConcurrentHashMap<>();
  private final Map<String, Boolean> online = new ConcurrentHashMap<>();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final RateLimitedLog failureLog = new RateLimitedLog(log, Clock.systemUTC(), Duration.ofMinutes(1));

  /**
   * @param gatewayIdentifier the gateway's device identifier in Home Assistant, for {@code via_device}
   * @param version Gridwire version for {@code origin}
   */
  public OigLocalPublisher(Sink sink, String discoveryPrefix, String gatewayIdentifier, String version, Clock clock) {
    this.sink = sink;
    this.discoveryPrefix = discoveryPrefix;
    this.gatewayIdentifier = gatewayIdentifier;
    this.version = version;
    this.clock = clock;
  }

  @Override
  public void accept(TableFrame f) {
    if (f.bank() != 0 || f.values().isEmpty()) return;
    Instant now = clock.instant();
    for (String field : f.values().keySet()) {
      String key = f.device() + "\t" + f.table() + "\t" + field;
      Instant last = announced.get(key);
      if (last == null || Duration.between(last, now).compareTo(REANNOUNCE) > 0) {
        announced.put(key, now);
        send(OigLocalNames.configTopic(discoveryPrefix, f.device(), f.table(), field),
            json(config(f.device(), f.table(), field, f.infos().get(field))), true);
      }
    }
    send(OigLocalNames.stateTopic(f.device(), f.table()), json(state(f.values())), true);
    if (online.put(f.device(), Boolean.TRUE) == null) {
      send(OigLocalNames.availabilityTopic(f.device()), "online".getBytes(StandardCharsets.UTF_8), true);
    }
  }

  /** Registry listener: a box going offline (or removed) is announced offline. */
  public void deviceChanged(Device d) {
    if (d.online() || online.remove(d.id()) == null) return;
    send(OigLocalNames.availabilityTopic(d.id()), "offline".getBytes(StandardCharsets.UTF_8), true);
  }

  public long published() {
    return published.get();
  }

  public long failed() {
    return failed.get();
  }

  Map<String, Object> config(String box, String table, String field, MetricInfo info) {
    String component = OigLocalNames.component(table, field);
    String uid = OigLocalNames.uniqueId(box, table, field);
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", info == null ? table + " " + field : info.label());
    c.put("unique_id", uid);
    c.put("default_entity_id", component + "." + uid);
    // The integration reads these exact entity ids; object_id sets them on Home Assistant before 2025.10.
    c.put("object_id", uid);
    c.put("state_topic", OigLocalNames.stateTopic(box, table));
    c.put("value_template", "{{ value_json.get('" + field.replace("'", "") + "') }}");
    c.put("availability", List.of(Map.of("topic", OigLocalNames.availabilityTopic(box))));
    if (component.equals("binary_sensor")) {
      c.put("payload_on", 1);
      c.put("payload_off", 0);
    } else if (info != null && !"enum".equals(info.deviceClass())) {
      if (info.unit() != null) c.put("unit_of_measurement", info.unit());
      if (info.deviceClass() != null) c.put("device_class", info.deviceClass());
      if (info.stateClass() != null) c.put("state_class", info.stateClass());
    }
    Map<String, Object> device = new LinkedHashMap<>();
    device.put("identifiers", List.of(OigLocalNames.NAMESPACE + "_" + OigLocalNames.safe(box)));
    device.put("name", "OIG BatteryBox " + box);
    device.put("manufacturer", "OIG Power");
    device.put("model", "BatteryBox");
    device.put("via_device", gatewayIdentifier);
    c.put("device", device);
    c.put("origin", Map.of("name", "Gridwire", "sw_version", version));
    return c;
  }

  /** Numbers as JSON numbers (integral ones without a fraction), text as text, no data as null. */
  static Map<String, Object> state(Map<String, Value> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, switch (v) {
      case Value.Num n when Double.isFinite(n.value()) && n.value() == Math.rint(n.value()) && Math.abs(n.value()) < 1e15
          -> (Object) (long) n.value();
      case Value.Num n when Double.isFinite(n.value()) -> n.value();
      case Value.Num n -> null;
      case Value.Bool b -> b.value() ? 1 : 0;
      case Value.Text t -> t.value();
      case Value.NoData ignored -> null;
    }));
    return out;
  }

  private void send(String topic, byte[] payload, boolean retain) {
    CompletableFuture<Void> f;
    try {
      f = sink.publish(topic, payload, retain);
    } catch (RuntimeException e) {
      failure(topic, e);
      return;
    }
    f.whenComplete((ok, error) -> {
      if (error == null) published.incrementAndGet();
      else failure(topic, error);
    });
  }

  private void failure(String topic, Throwable e) {
    failed.incrementAndGet();
    failureLog.warn("publish", n -> "OIG local compatibility: publishing " + topic + " failed (" + e + "); " + failed.get()
        + " failures so far. The next frame of the box publishes its state again; check the MQTT connection"
        + " (GET /api/mqtt/status).");
  }

  private static byte[] json(Object o) {
    try {
      return JSON.writeValueAsBytes(o);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
