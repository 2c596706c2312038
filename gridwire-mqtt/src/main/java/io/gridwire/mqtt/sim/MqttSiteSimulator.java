package io.gridwire.mqtt.sim;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import io.gridwire.mqtt.client.BrokerUrl;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated site: two dataloggers ({@code monstro/1}, {@code adaq/2}) and a gateway
 * ({@code gateway/1}) publishing heartbeats and {@code input} payloads at QoS 1 under
 * {@code {site}/...}. Datalogger {@code adaq/2} falls silent for {@code silenceFor} every
 * {@code silenceEvery}, so the gateway shows it going offline and coming back.
 *
 * <p>Used by {@code gridwire demo} (against the embedded broker) and
 * {@code gridwire simulate mqtt-site --broker URL}. {@link #start} returns at once; the client
 * reconnects by itself. Thread-safe.
 */
public final class MqttSiteSimulator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MqttSiteSimulator.class);

  private final SimSiteConfig config;
  private final Clock clock;
  private final List<SimDevice> devices;
  private final SimDevice flaky;
  private final AtomicLong tick = new AtomicLong();
  private final AtomicLong published = new AtomicLong();
  private ScheduledExecutorService scheduler;
  private Mqtt3AsyncClient client;
  private Instant startedAt;

  public MqttSiteSimulator(SimSiteConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    String s = config.site();
    this.flaky = new SimDevice(s, "adaq", "2", "ADQ-" + s.toUpperCase(java.util.Locale.ROOT) + "-0002", "1.9.0");
    this.devices = List.of(
        new SimDevice(s, "monstro", "1", "MON-" + s.toUpperCase(java.util.Locale.ROOT) + "-0001", "2.4.1"),
        flaky,
        new SimDevice(s, null, "1", "GW-" + s.toUpperCase(java.util.Locale.ROOT) + "-0001", "5.0.3"));
  }

  /** Serial numbers of the simulated devices (the device ids Gridwire will use). */
  public List<String> serials() {
    return devices.stream().map(SimDevice::serial).toList();
  }

  /** Connects and starts publishing. Returns at once. */
  public synchronized MqttSiteSimulator start() {
    BrokerUrl url = BrokerUrl.parse("simulate.broker", config.brokerUrl());
    var b = Mqtt3Client.builder().identifier("gridwire-sim-" + config.site()).serverHost(url.host())
        .serverPort(url.port()).automaticReconnect().initialDelay(1, TimeUnit.SECONDS).maxDelay(10, TimeUnit.SECONDS)
        .applyAutomaticReconnect();
    if (url.tls()) b = b.sslWithDefaultConfig();
    if (config.username() != null) {
      b = b.simpleAuth().username(config.username())
          .password(config.password() == null ? new byte[0] : config.password().getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .applySimpleAuth();
    }
    client = b.buildAsync();
    client.connect().whenComplete((ack, e) -> {
      if (e != null) log.warn("simulated site: broker {} not reachable yet ({}); retrying", url, e.toString());
    });
    startedAt = clock.instant();
    scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("mqtt-sim").factory());
    schedule(config.heartbeatInterval(), this::heartbeats);
    schedule(config.dataInterval(), this::inputs);
    log.info("simulated MQTT site {} publishing to {}: {}", config.site(), url, serials());
    return this;
  }

  private void schedule(Duration every, Runnable r) {
    scheduler.scheduleAtFixedRate(() -> {
      try {
        r.run();
      } catch (RuntimeException e) {
        log.warn("simulated site: {}", e.toString());
      }
    }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether the flaky datalogger is in its silent window at {@code now}. */
  boolean silent(Instant now) {
    long every = config.silenceEvery().toMillis();
    long into = Duration.between(startedAt, now).toMillis() % every;
    return into >= every - config.silenceFor().toMillis();
  }

  private void heartbeats() {
    Instant now = clock.instant();
    long uptime = Duration.between(startedAt, now).toSeconds();
    for (SimDevice d : devices) {
      if (d == flaky && silent(now)) continue;
      send(d.topic("heartbeat"), d.heartbeat(now, uptime, -60 - (int) (tick.get() % 15)));
    }
  }

  private void inputs() {
    Instant now = clock.instant();
    long t = tick.incrementAndGet();
    for (SimDevice d : devices) {
      if (d == flaky && silent(now)) continue;
      send(d.topic("input"), d.input(now, t));
    }
  }

  private void send(String topic, String json) {
    if (!client.getState().isConnected()) return;
    client.publishWith().topic(topic).payload(json.getBytes(StandardCharsets.UTF_8)).qos(MqttQos.AT_LEAST_ONCE)
        .send();
    published.incrementAndGet();
  }

  /** Messages handed to the client so far. */
  public long published() {
    return published.get();
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) scheduler.shutdownNow();
    if (client != null && client.getState().isConnectedOrReconnect()) {
      try {
        client.disconnect().get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.debug("simulated site disconnect: {}", e.toString());
      }
    }
  }

  /** {@code --broker URL [--site CODE]}: runs until killed. */
  public static void main(String[] args) throws InterruptedException {
    String broker = null;
    String site = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (args[i].equals("--broker")) broker = args[i + 1];
      else if (args[i].equals("--site")) site = args[i + 1];
    }
    if (broker == null) {
      System.err.println("usage: mqtt-site --broker mqtt://host:1883 [--site sito_001]");
      System.exit(2);
    }
    MqttSiteSimulator sim = new MqttSiteSimulator(new SimSiteConfig(broker, site, null, null, null, null, null, null),
        Clock.systemUTC()).start();
    Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
    Thread.currentThread().join();
  }
}
