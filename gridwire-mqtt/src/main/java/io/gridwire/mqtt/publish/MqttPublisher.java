package io.gridwire.mqtt.publish;

import io.gridwire.core.alarm.AlarmBook;
import io.gridwire.core.alarm.AlarmFilter;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.Subscription;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceFilter;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.MetricInfo;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import io.gridwire.mqtt.client.MqttTransport;
import io.gridwire.mqtt.metric.MetricDefaults;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every device to MQTT for Home Assistant and any other consumer (SPEC §4):
 * the merged latest values as JSON on the state topic, {@code online}/{@code offline} on the
 * availability topic following the {@link DeviceRegistry}, and one retained discovery config per
 * metric ({@link DiscoveryCodec}) with metadata from the {@link MetricCatalog}, falling back to
 * {@link MetricDefaults}.
 *
 * <p>Threads: readings arrive on a COALESCE bus subscription, so a slow broker makes the
 * publisher skip to each device's newest values and never stalls the bus; registry changes are
 * coalesced per device and handled by one worker thread; at most {@code maxInFlight} publishes
 * wait for acknowledgement. While the broker is away nothing is queued: {@link #republishAll}
 * runs after every reconnect and when Home Assistant announces itself {@code online}. Removed
 * devices get their retained configs, state and availability cleared (empty retained payloads).
 * With {@link #publishAlarms}, each device that can raise alarms also gets a retained alarms topic
 * and two Home Assistant entities (problem, active alarms) instead of one entity per alarm bit.
 * Thread-safe.
 */
public final class MqttPublisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MqttPublisher.class);
  private static final byte[] EMPTY = new byte[0];
  private static final Duration PERMIT_WAIT = Duration.ofSeconds(10);
  /** The offline status at a stop waits at most this long for a permit: the stop has its own bound. */
  static final Duration STOP_PERMIT_WAIT = Duration.ofSeconds(1);

  private final MqttTransport transport;
  private final DeviceRegistry registry;
  private final MetricCatalog catalog;
  private final DiscoveryCodec codec;
  private final Topics topics;
  private final boolean retainState;
  private final Semaphore inFlight;
  private final PublishCounters counters;
  private final ConcurrentHashMap<String, DeviceState> states = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Device> pendingChanges = new ConcurrentHashMap<>();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  /** Devices whose alarm state waits to be published: coalesced, so the worker's queue holds each at most once. */
  private final Set<String> pendingAlarms = ConcurrentHashMap.newKeySet();
  /** Alarm events handed to the worker and not yet sent; beyond {@link #MAX_QUEUED_EVENTS} they are dropped. */
  private final AtomicInteger queuedEvents = new AtomicInteger();
  static final int MAX_QUEUED_EVENTS = 4_096;
  private final ScheduledExecutorService worker;
  private volatile Subscription subscription;
  private volatile Subscription alarmEventSubscription;
  private volatile boolean closed;
  private volatile AlarmBook alarms;
  private volatile boolean alarmBitEntities = true;

  /**
   * @param maxInFlight publishes awaiting acknowledgement before the publishing thread waits
   * @param retainState whether state messages are retained
   */
  public MqttPublisher(MqttTransport transport, DeviceRegistry registry, MetricCatalog catalog, DiscoveryCodec codec,
      int maxInFlight, boolean retainState, MeterRegistry meters) {
    this.transport = transport;
    this.registry = registry;
    this.catalog = catalog;
    this.codec = codec;
    this.topics = codec.topics();
    this.retainState = retainState;
    this.inFlight = new Semaphore(maxInFlight);
    this.counters = new PublishCounters(meters);
    // Its own thread, not the shared scheduler: it serialises discovery and state publishing and
    // waits for the broker when maxInFlight publishes are unacknowledged.
    this.worker = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("mqtt-publisher").factory());
  }

  /** Subscribes to readings (COALESCE) and to registry changes. Call once. */
  public void start(Bus<Reading> readings) {
    registry.addListener(this::deviceChanged);
    subscription = readings.subscribeBatch("mqtt-publisher", SubscriberOptions.live(), this::onReadings);
  }

  /**
   * Publishes each device's active alarms on {@code {state}/{device}/alarms} and announces its
   * problem / active-alarms entities. Call before {@link #start}.
   *
   * @param bitEntities whether each alarm bit also stays one Home Assistant entity
   */
  public void publishAlarms(AlarmBook book, boolean bitEntities) {
    this.alarms = book;
    this.alarmBitEntities = bitEntities;
    book.addListener(id -> {
      if (!closed && pendingAlarms.add(id)) {
        worker.execute(() -> {
          pendingAlarms.remove(id); // before publishing: a change meanwhile schedules another run
          alarmsChanged(id);
        });
      }
    });
  }

  /**
   * Publishes every {@code alarm_raised} / {@code alarm_cleared} event of a registered device on
   * {@code {state}/{device}/alarm_event} (QoS 1, not retained: an event, not a state), which fires the
   * device's Home Assistant "Alarm events" entity. Call after {@link #publishAlarms}.
   */
  public void publishAlarmEvents(Bus<Event> events) {
    alarmEventSubscription = events.subscribe("mqtt-alarm-events", SubscriberOptions.durable(4096), e ->
        AlarmEventPayload.encode(e).ifPresent(payload -> {
          if (closed) return;
          // the worker may wait up to PERMIT_WAIT per message on a stalled broker: its queue is bounded here
          if (queuedEvents.incrementAndGet() > MAX_QUEUED_EVENTS) {
            queuedEvents.decrementAndGet();
            counters.skippedBackpressure.increment();
            return;
          }
          worker.execute(() -> {
            queuedEvents.decrementAndGet();
            alarmEvent(e.deviceId(), payload);
          });
        }));
  }

  private void alarmEvent(String id, byte[] payload) {
    Device d = registry.get(id).orElse(null);
    if (d == null || alarms == null) return;
    announceAlarms(state(id), d, false);
    send(topics.alarmEvent(id), payload, 1, false, counters.state);
  }

  private void alarmsChanged(String id) {
    if (registry.get(id).isEmpty()) return;
    DeviceState s = state(id);
    announceAlarms(s, registry.get(id).orElse(null), false);
    publishAlarmState(s);
  }

  /** Whether the device has alarm entities: its profile declares alarms, or it has had one. */
  private boolean hasAlarms(DeviceState s) {
    AlarmBook book = alarms;
    if (book == null) return false;
    return s.alarmsAnnounced || !catalog.alarms(s.deviceId).isEmpty()
        || !book.list(new AlarmFilter(null, s.deviceId, null)).isEmpty();
  }

  private List<CompletableFuture<Void>> announceAlarms(DeviceState s, Device d, boolean force) {
    synchronized (s) {
      if (!hasAlarms(s) || (s.alarmsAnnounced && !force)) return List.of();
      s.alarmsAnnounced = true;
    }
    List<CompletableFuture<Void>> out = new ArrayList<>();
    for (DiscoveryMessage m : codec.alarmConfigs(s.deviceId, d)) {
      out.add(send(m.topic(), m.payload(), 1, true, counters.config));
    }
    return out;
  }

  private CompletableFuture<Void> publishAlarmState(DeviceState s) {
    AlarmBook book = alarms;
    if (book == null || !hasAlarms(s)) return CompletableFuture.completedFuture(null);
    byte[] payload = AlarmPayload.encode(book.list(new AlarmFilter(null, s.deviceId, null)));
    return send(topics.alarms(s.deviceId), payload, 1, true, counters.state);
  }

  // ---- readings (bus thread) ----

  /** Handles a batch of readings: merge per device, announce new metrics, one state message per device. */
  public void onReadings(List<Reading> batch) {
    Set<String> touched = new LinkedHashSet<>();
    for (Reading r : batch) {
      state(r.deviceId()).merge(r);
      touched.add(r.deviceId());
    }
    for (String id : touched) {
      DeviceState s = states.get(id);
      if (s == null) continue;
      announce(s, registry.get(id).orElse(null), false);
      publishState(s);
    }
  }

  private DeviceState state(String id) {
    return states.computeIfAbsent(id, DeviceState::new);
  }

  // ---- registry changes (worker thread) ----

  /** Registry listener: coalesced per device and handled on the worker. Quick; never blocks. */
  void deviceChanged(Device d) {
    if (closed) return;
    pendingChanges.put(d.id(), d);
    if (drainScheduled.compareAndSet(false, true)) worker.execute(this::drainChanges);
  }

  private void drainChanges() {
    drainScheduled.set(false);
    for (String id : List.copyOf(pendingChanges.keySet())) {
      Device d = pendingChanges.remove(id);
      if (d == null) continue;
      try {
        if (registry.get(id).isEmpty()) clear(id);
        else applyDevice(registry.get(id).get());
      } catch (RuntimeException e) {
        log.warn("mqtt publisher failed on device {}: {}", id, e.toString(), e);
      }
    }
  }

  private void applyDevice(Device d) {
    DeviceState s = state(d.id());
    announce(s, d, false);
    if (announceAlarms(s, d, false).size() > 0) publishAlarmState(s);
    publishAvailability(s, d, false);
  }

  // ---- announcing ----

  /**
   * Publishes the discovery configs this device still lacks (or all of them when {@code force}
   * or its device block changed).
   */
  private List<CompletableFuture<Void>> announce(DeviceState s, Device d, boolean force) {
    List<String[]> toClear = new ArrayList<>();
    List<DiscoveryMessage> toSend = new ArrayList<>();
    synchronized (s) {
      String key = deviceKey(d);
      boolean refresh = force || !Objects.equals(key, s.deviceKey);
      s.deviceKey = key;
      for (Map.Entry<String, MetricInfo> e : metrics(s, d).entrySet()) {
        if (hiddenAlarmBit(s.deviceId, e.getKey())) continue;
        Value sample = s.values.get(e.getKey());
        boolean binary = sample instanceof Value.Bool;
        String topic = codec.topic(s.deviceId, e.getKey(), binary);
        String old = s.announced.get(e.getKey());
        if (old != null && !old.equals(topic)) toClear.add(new String[] {old});
        if (refresh || !topic.equals(old)) {
          toSend.add(codec.config(s.deviceId, d, e.getValue(), binary));
          s.announced.put(e.getKey(), topic);
        }
      }
    }
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (String[] t : toClear) futures.add(send(t[0], EMPTY, 1, true, counters.cleared));
    for (DiscoveryMessage m : toSend) futures.add(send(m.topic(), m.payload(), 1, true, counters.config));
    return futures;
  }

  /** Alarm bits are summed up by the alarm entities unless configured as one entity each. */
  private boolean hiddenAlarmBit(String deviceId, String metric) {
    return alarms != null && !alarmBitEntities && catalog.alarms(deviceId).byMetric().containsKey(metric);
  }

  /** Catalog metrics first (declared order), then metrics only seen in readings. */
  private Map<String, MetricInfo> metrics(DeviceState s, Device d) {
    Map<String, MetricInfo> out = new LinkedHashMap<>(catalog.metrics(s.deviceId));
    for (Map.Entry<String, Value> e : s.values.entrySet()) {
      out.computeIfAbsent(e.getKey(), k -> MetricDefaults.infer(k, e.getValue()));
    }
    return out;
  }

  private static String deviceKey(Device d) {
    if (d == null) return "";
    return d.name() + "|" + d.model() + "|" + d.kind() + "|" + d.serialNumber() + "|" + d.site() + "|"
        + DiscoveryCodec.firmware(d) + "|" + d.attributes().get("manufacturer");
  }

  private CompletableFuture<Void> publishState(DeviceState s) {
    byte[] payload;
    synchronized (s) {
      if (s.timestamp == null) return CompletableFuture.completedFuture(null);
      payload = StateCodec.encode(s.timestamp, s.values);
    }
    // QoS 1: some brokers (Moquette) do not keep retained QoS 0 messages.
    return send(topics.state(s.deviceId), payload, 1, retainState, counters.state);
  }

  private CompletableFuture<Void> publishAvailability(DeviceState s, Device d, boolean force) {
    synchronized (s) {
      if (!force && Objects.equals(s.availability, d.online())) return CompletableFuture.completedFuture(null);
      s.availability = d.online();
    }
    return send(topics.availability(d.id()), bytes(d.online() ? "online" : "offline"), 1, true,
        counters.availability);
  }

  // ---- lifecycle ----

  /** Called after every (re)connect: gateway online, then everything again. Never blocks. */
  public void onConnected() {
    worker.execute(() -> {
      send(topics.gatewayStatus(), bytes("online"), 1, true, counters.availability);
      republishAllNow();
    });
  }

  /** Home Assistant's birth message: republish after a random 0–2 s so many gateways spread out. */
  public void onHaStatus(byte[] payload) {
    if (!"online".equals(new String(payload, StandardCharsets.UTF_8).trim())) return;
    worker.schedule(this::republishAllNow, ThreadLocalRandom.current().nextLong(2000), TimeUnit.MILLISECONDS);
  }

  /**
   * Publishes availability, every discovery config and every state again.
   *
   * @return completes with the number of messages once the broker acknowledged all of them
   */
  public CompletableFuture<Integer> republishAll() {
    return CompletableFuture.supplyAsync(this::republishAllNow, worker).thenCompose(f -> f);
  }

  private CompletableFuture<Integer> republishAllNow() {
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    DiscoveryMessage gateway = codec.gatewayConfig();
    futures.add(send(gateway.topic(), gateway.payload(), 1, true, counters.config));
    Set<String> ids = new LinkedHashSet<>();
    for (Device d : registry.list(DeviceFilter.ALL)) ids.add(d.id());
    ids.addAll(states.keySet());
    for (String id : ids) {
      Device d = registry.get(id).orElse(null);
      DeviceState s = state(id);
      if (d != null) futures.add(publishAvailability(s, d, true));
      futures.addAll(announce(s, d, true));
      futures.add(publishState(s));
      futures.addAll(announceAlarms(s, d, true));
      if (alarms != null && hasAlarms(s)) futures.add(publishAlarmState(s));
    }
    log.debug("mqtt republished {} messages for {} devices", futures.size(), ids.size());
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).thenApply(v -> futures.size());
  }

  /** Clears everything retained for a removed device. */
  private void clear(String id) {
    DeviceState s = states.remove(id);
    List<String> configTopics = new ArrayList<>();
    if (s != null) {
      synchronized (s) {
        configTopics.addAll(s.announced.values());
      }
    }
    for (String metric : catalog.metrics(id).keySet()) {
      String t = codec.topic(id, metric, false);
      if (!configTopics.contains(t)) configTopics.add(t);
    }
    if (s != null && s.alarmsAnnounced) {
      configTopics.add(codec.alarmTopic(id, "problem"));
      configTopics.add(codec.alarmTopic(id, "active_alarms"));
      configTopics.add(codec.alarmTopic(id, "alarm_event"));
      send(topics.alarms(id), EMPTY, 1, true, counters.cleared);
    }
    for (String t : configTopics) send(t, EMPTY, 1, true, counters.cleared);
    send(topics.state(id), EMPTY, 1, true, counters.cleared);
    send(topics.availability(id), EMPTY, 1, true, counters.cleared);
    log.info("mqtt cleared retained discovery of removed device {} ({} configs)", id, configTopics.size());
  }

  // ---- sending ----

  private CompletableFuture<Void> send(String topic, byte[] payload, int qos, boolean retain,
      io.micrometer.core.instrument.Counter kind) {
    return send(topic, payload, qos, retain, kind, PERMIT_WAIT);
  }

  private CompletableFuture<Void> send(String topic, byte[] payload, int qos, boolean retain,
      io.micrometer.core.instrument.Counter kind, Duration permitWait) {
    if (!transport.connected()) {
      counters.skippedDisconnected.increment();
      return CompletableFuture.completedFuture(null);
    }
    try {
      if (!inFlight.tryAcquire(permitWait.toMillis(), TimeUnit.MILLISECONDS)) {
        counters.skippedBackpressure.increment();
        return CompletableFuture.completedFuture(null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> f;
    try {
      f = transport.publish(topic, payload, qos, retain);
    } catch (RuntimeException e) {
      inFlight.release();
      counters.failed.increment();
      return CompletableFuture.completedFuture(null);
    }
    kind.increment();
    return f.handle((ok, error) -> {
      inFlight.release();
      if (error != null) counters.failed.increment();
      return null;
    });
  }

  /** Publishes the gateway's {@code offline} (before a clean disconnect, when no will fires). */
  public CompletableFuture<Void> publishGatewayOffline() {
    return send(topics.gatewayStatus(), bytes("offline"), 1, true, counters.availability, STOP_PERMIT_WAIT);
  }

  /** Devices the publisher holds state for. */
  public int knownDevices() {
    return states.size();
  }

  /** Waits for the bus subscription to hand over what was queued. */
  public boolean awaitDrained(Duration timeout) throws InterruptedException {
    Subscription s = subscription;
    return s == null || s.awaitDrained(timeout);
  }

  @Override
  public void close() {
    closed = true;
    Subscription s = subscription;
    if (s != null) s.close();
    Subscription a = alarmEventSubscription;
    if (a != null) a.close();
    worker.shutdown();
    try {
      // a stalled broker holds the worker in a permit wait: after 2 s it is interrupted and what waits is dropped
      if (!worker.awaitTermination(2, TimeUnit.SECONDS)) worker.shutdownNow();
    } catch (InterruptedException e) {
      worker.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
