package io.gridwire.web.ws;

import com.fasterxml.jackson.core.JsonGenerator;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.bus.Subscription;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.core.reading.LatestValues;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.web.json.Json;
import io.gridwire.web.json.EventJson;
import io.gridwire.web.json.LatestJson;
import io.gridwire.web.json.ReadingJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fans readings and events out to {@code /ws/metrics} clients. One bus subscription per bus
 * (COALESCE, so the hub itself never stalls the bus); each message is serialised once and offered
 * to every interested client's own bounded buffer ({@link WsClient}). Thread-safe.
 */
public final class MetricsHub implements AutoCloseable {
  /** How every locally made reading message starts; the rest is its data object and a closing brace. */
  public static final String READING_PREFIX = "{\"type\":\"reading\",\"data\":";
  /** How a batch of readings starts: {@code {"type":"readings","data":[<entry>,...]}}. */
  public static final String READINGS_PREFIX = "{\"type\":\"readings\",\"data\":[";
  private final LatestValues latest;
  private final MetricCatalog catalog;
  private final LatestJson latestJson;
  private final Set<WsClient> allDevices = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<String, Set<WsClient>> byDevice = new ConcurrentHashMap<>();
  private final Set<WsClient> clients = ConcurrentHashMap.newKeySet();
  private final LongAdder closedDropped = new LongAdder();
  private final LongAdder closedCoalesced = new LongAdder();
  private final List<Subscription> subscriptions = new ArrayList<>();

  public MetricsHub(Bus<Reading> readings, Bus<Event> events, LatestValues latest, MetricCatalog catalog,
      LatestJson latestJson) {
    this.latest = latest;
    this.catalog = catalog;
    this.latestJson = latestJson;
    subscriptions.add(readings.subscribeBatch("ws-hub", SubscriberOptions.live(), this::onReadings));
    subscriptions.add(events.subscribeBatch("ws-hub", SubscriberOptions.durable(16_384), this::onEvents)); // events are not coalesced: each one counts
  }

  /** Registers a client, then queues its snapshot ahead of any live message. */
  public void add(WsClient client) {
    clients.add(client);
    if (client.devices().isEmpty()) {
      allDevices.add(client);
    } else {
      for (String d : client.devices()) byDevice.computeIfAbsent(d, k -> new CopyOnWriteArraySet<>()).add(client);
    }
    client.start(snapshot(client.devices()));
  }

  public void remove(WsClient client) {
    if (!clients.remove(client)) return;
    client.close();
    closedDropped.add(client.dropped());
    closedCoalesced.add(client.coalesced());
    allDevices.remove(client);
    for (String d : client.devices()) {
      byDevice.computeIfPresent(d, (k, set) -> {
        set.remove(client);
        return set.isEmpty() ? null : set;
      });
    }
  }

  private void onReadings(List<Reading> batch) {
    for (Reading r : batch) {
      Set<WsClient> some = byDevice.get(r.deviceId());
      if (allDevices.isEmpty() && some == null) continue;
      String text = message("reading", r);
      for (WsClient c : allDevices) c.offer(r.deviceId(), text);
      if (some != null) for (WsClient c : some) c.offer(r.deviceId(), text);
    }
  }

  /**
   * Offers a reading shared by another node (already rendered there) to the interested clients.
   * It never enters the local bus, so it is neither stored nor shared again.
   */
  public void offerRemote(String deviceId, String message) {
    Set<WsClient> some = byDevice.get(deviceId);
    for (WsClient c : allDevices) c.offer(deviceId, message);
    if (some != null) for (WsClient c : some) c.offer(deviceId, message);
  }

  private void onEvents(List<Event> batch) {
    for (Event e : batch) {
      Set<WsClient> some = e.deviceId() == null ? null : byDevice.get(e.deviceId());
      if (allDevices.isEmpty() && some == null) continue;
      String text = eventMessage(e);
      for (WsClient c : allDevices) c.offer(null, text);
      if (some != null) for (WsClient c : some) c.offer(null, text);
    }
  }

  String snapshot(Set<String> devices) {
    List<Reading> readings;
    if (devices.isEmpty()) {
      readings = new ArrayList<>(latest.all());
    } else {
      readings = new ArrayList<>();
      for (String d : devices) latest.latest(d).ifPresent(readings::add);
    }
    List<Reading> sorted = readings;
    sorted.sort(java.util.Comparator.comparing(Reading::deviceId));
    return "{\"type\":\"snapshot\",\"data\":" + new String(latestJson.array(sorted), StandardCharsets.UTF_8) + "}";
  }

  private String message(String type, Reading r) {
    return readingMessage(r, catalog, null);
  }

  /**
   * The {@code /ws/metrics} message of a reading: {@code {"type":"reading","data":{...}}}, with
   * {@code "node"} after the type when {@code node} is not null (readings shared between nodes).
   */
  public static String readingMessage(Reading r, MetricCatalog catalog, String node) {
    StringWriter w = new StringWriter(256);
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("type", "reading");
      if (node != null) g.writeStringField("node", node);
      g.writeFieldName("data");
      ReadingJson.write(g, r, catalog.metrics(r.deviceId()));
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /** {@code {"type":"event",...}}, or {@code {"type":"alarm",...}} for alarm raised/cleared, same data. */
  private static String eventMessage(Event e) {
    boolean alarm = e.type() == EventType.ALARM_RAISED || e.type() == EventType.ALARM_CLEARED;
    try {
      return "{\"type\":\"" + (alarm ? "alarm" : "event") + "\",\"data\":" + Json.MAPPER.writeValueAsString(EventJson.of(e)) + "}";
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  public int connections() {
    return clients.size();
  }

  /** Messages dropped at clients' bounds, over all clients ever connected. */
  public long dropped() {
    long n = closedDropped.sum();
    for (WsClient c : clients) n += c.dropped();
    return n;
  }

  public long coalesced() {
    long n = closedCoalesced.sum();
    for (WsClient c : clients) n += c.coalesced();
    return n;
  }

  /** Connected clients that have dropped at least one message. */
  public long laggingClients() {
    return clients.stream().filter(c -> c.dropped() > 0).count();
  }

  public List<WsClient> clients() {
    return List.copyOf(clients);
  }

  @Override
  public void close() {
    for (Subscription s : subscriptions) s.close();
    for (WsClient c : List.copyOf(clients)) remove(c);
  }
}
