package io.gridwire.app.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.core.alarm.ActiveAlarm;
import io.gridwire.core.alarm.AlarmBook;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.device.Source;
import io.gridwire.core.event.Event;
import io.gridwire.core.port.AlarmStore;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.mqtt.client.MqttTransport;
import io.gridwire.mqtt.publish.DiscoveryCodec;
import io.gridwire.mqtt.publish.MqttPublisher;
import io.gridwire.mqtt.publish.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Publishes one device of a built-in kind through the real {@link MqttPublisher} (alarm bits summed
 * up, the default) and collects the retained discovery configs it sends: the entity set a Home
 * Assistant user gets for that device.
 */
final class EntityCensus {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EntityCensus() {}

  /** Config topic → parsed config, for one device of {@code kind}. */
  static Map<String, JsonNode> configs(BuiltInDevices.Kind kind) throws Exception {
    Map<String, byte[]> sent = new ConcurrentHashMap<>();
    MqttTransport transport = new MqttTransport() {
      @Override
      public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
        if (topic.startsWith("homeassistant/") && retain) sent.put(topic, payload);
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public boolean connected() {
        return true;
      }
    };
    DeviceRegistry registry = new DeviceRegistry(null, Clock.systemUTC());
    MetricCatalog catalog = new MetricCatalog();
    Bus<Event> events = new Bus<>("events", e -> "");
    AlarmBook book = new AlarmBook(events, new NoAlarmStore(), Clock.systemUTC(), Duration.ZERO, id -> "site");
    MqttPublisher publisher = new MqttPublisher(transport, registry, catalog,
        new DiscoveryCodec(new Topics("gridwire", "homeassistant"), "gridwire", "test", Duration.ofMinutes(5)), 64, true,
        new SimpleMeterRegistry());
    try {
      publisher.publishAlarms(book, false);
      catalog.declare("dev-1", kind.metrics());
      catalog.declareAlarms("dev-1", kind.alarms());
      registry.register(Device.of("dev-1", "site", "device", Source.MODBUS));
      publisher.republishAll().get(30, TimeUnit.SECONDS);
    } finally {
      publisher.close();
      book.close();
      events.close();
    }
    Map<String, JsonNode> out = new java.util.TreeMap<>();
    for (Map.Entry<String, byte[]> e : sent.entrySet()) {
      if (e.getValue().length == 0 || !e.getKey().contains("/gridwire_dev_1_")) continue;
      out.put(e.getKey(), JSON.readTree(new String(e.getValue(), StandardCharsets.UTF_8)));
    }
    return out;
  }

  static boolean enabled(JsonNode config) {
    return config.path("enabled_by_default").asBoolean(true);
  }

  private static final class NoAlarmStore implements AlarmStore {
    @Override
    public void upsert(ActiveAlarm alarm) {}

    @Override
    public void delete(String deviceId, String alarmId) {}

    @Override
    public List<ActiveAlarm> loadAll() {
      return List.of();
    }
  }
}
