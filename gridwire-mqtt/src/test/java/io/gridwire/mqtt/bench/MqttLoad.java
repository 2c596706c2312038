package io.gridwire.mqtt.bench;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.device.Source;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.MetricInfo;
import io.gridwire.core.reading.Reading;
import io.gridwire.mqtt.MqttSettings;
import io.gridwire.mqtt.MqttGateway;
import io.gridwire.mqtt.client.InboundMessage;
import io.gridwire.mqtt.client.MqttTransport;
import io.gridwire.mqtt.ingest.IngestCounters;
import io.gridwire.mqtt.ingest.MqttIngest;
import io.gridwire.mqtt.ingest.PayloadParser;
import io.gridwire.mqtt.ingest.PresenceTracker;
import io.gridwire.mqtt.publish.DiscoveryCodec;
import io.gridwire.mqtt.publish.MqttPublisher;
import io.gridwire.mqtt.publish.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounded load program for docs/perf/mqtt.md (not part of the test suite). Needs Mosquitto on
 * 127.0.0.1:1883 and mosquitto-clients. Run: {@code java -cp <test classpath> io.gridwire.mqtt.bench.MqttLoad}.
 */
public final class MqttLoad {
  private static final int MESSAGES = 50_000;
  private static final int PUBLISHERS = 2;
  private static final int DEVICES = 100;

  public static void main(String[] args) throws Exception {
    for (int qos : new int[] {0, 1}) ingestRate(qos);
    discoveryTime();
    memoryPerDevices();
    System.exit(0);
  }

  static void ingestRate(int qos) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String site = "bench" + run;
    Clock clock = Clock.systemUTC();
    Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
    Bus<Event> events = new Bus<>("events", e -> String.valueOf(e.deviceId()));
    DeviceRegistry registry = new DeviceRegistry(events, clock);
    AtomicLong got = new AtomicLong();
    AtomicLong lastAt = new AtomicLong();
    readings.subscribeBatch("count", SubscriberOptions.durable(1 << 20), b -> {
      got.addAndGet(b.size());
      lastAt.set(System.nanoTime());
    });
    MqttSettings cfg = MqttSettings.builder().brokerUrl("mqtt://127.0.0.1:1883").clientId("bench-" + run)
        .sites(List.of(site)).subscribeQos(qos).publish(false).build();
    MqttGateway gw = new MqttGateway(cfg, readings, events, registry, new MetricCatalog(), clock, new SimpleMeterRegistry());
    gw.start();
    while (gw.connection().readyCount() < 1) Thread.sleep(10);
    // discovery on: every device announces itself first
    List<String> hb = new ArrayList<>();
    for (int d = 0; d < DEVICES; d++) hb.add("{\"serial_number\":\"B" + d + "\",\"firmware\":\"1\"}");
    pubLines(site + "/gateway/1/heartbeat", hb, 1).waitFor();
    while (registry.size() < DEVICES) Thread.sleep(10);

    String topicFilter = site + "/datalogger/+/+/input";
    java.nio.file.Path subOut = java.nio.file.Files.createTempFile("bench-sub", ".txt");
    Process sub = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-q", Integer.toString(qos), "-t", topicFilter,
        "-C", Integer.toString(MESSAGES), "-W", "30", "-F", "%U").redirectOutput(subOut.toFile()).start();
    Thread.sleep(500); // let mosquitto_sub subscribe
    List<Process> pubs = new ArrayList<>();
    long t0 = System.nanoTime();
    double wallT0 = System.currentTimeMillis() / 1000.0;
    for (int p = 0; p < PUBLISHERS; p++) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < MESSAGES / PUBLISHERS; i++) {
        int d = (p * 7919 + i) % DEVICES;
        lines.add("{\"serial_number\":\"B" + d + "\",\"battery_voltage\":24." + (i % 10)
            + ",\"solar_power\":" + i + ",\"relay\":{\"1\":true},\"ai\":{\"ch1\":4.2}}");
      }
      pubs.add(pubLines(site + "/datalogger/logger/" + p + "/input", lines, qos));
    }
    for (Process p : pubs) p.waitFor();
    long pubDone = System.nanoTime();
    sub.waitFor(40, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (got.get() < MESSAGES && System.nanoTime() < deadline) Thread.sleep(5);
    double pubS = (pubDone - t0) / 1e9;
    List<String> stamps = java.nio.file.Files.readAllLines(subOut);
    stamps.removeIf(l -> !l.matches("[0-9.]+"));
    long subCount = stamps.size();
    double subS = stamps.isEmpty() ? 1 : Double.parseDouble(stamps.get(stamps.size() - 1)) - wallT0;
    double gwS = (lastAt.get() - t0) / 1e9;
    System.out.printf("ingest qos%d: published %d in %.2fs (%.0f/s); mosquitto_sub got %d in %.2fs (%.0f msg/s);"
            + " gateway got %d in %.2fs (%.0f msg/s) = %.0f%% of mosquitto_sub%n",
        qos, MESSAGES, pubS, MESSAGES / pubS, subCount, subS, subCount / subS, got.get(), gwS,
        got.get() / gwS, 100.0 * (got.get() / gwS) / (subCount / subS));
    gw.close();
    readings.close();
    events.close();
  }

  static void discoveryTime() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Clock clock = Clock.systemUTC();
    DeviceRegistry registry = new DeviceRegistry(null, clock);
    MetricCatalog catalog = new MetricCatalog();
    for (int d = 0; d < 1000; d++) {
      registry.register(Device.of("dev" + d, "s", "inverter", Source.MODBUS));
      List<MetricInfo> m = new ArrayList<>();
      for (int k = 0; k < 20; k++) m.add(new MetricInfo("metric_" + k, "Metric " + k, "W", "power", "measurement"));
      catalog.declare("dev" + d, m);
    }
    MqttSettings cfg = MqttSettings.builder().brokerUrl("mqtt://127.0.0.1:1883").clientId("bench-disc-" + run)
        .ingest(false).statePrefix("benchgw" + run).discoveryPrefix("benchha" + run).build();
    Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
    Bus<Event> events = new Bus<>("events", e -> "");
    MqttGateway gw = new MqttGateway(cfg, readings, events, registry, catalog, clock, new SimpleMeterRegistry());
    gw.start();
    while (gw.connection().readyCount() < 1) Thread.sleep(10);
    Thread.sleep(3000); // let the on-connect republish finish
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      int n = gw.publisher().republishAll().get(120, TimeUnit.SECONDS);
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf("discovery 1000 devices x 20 metrics: %d messages (configs + availability) acknowledged in %.2fs"
          + " (%.0f msg/s)%n", n, s, n / s);
    }
    gw.close();
    run("mosquitto_sub", "-h", "127.0.0.1", "-t", "benchha" + run + "/#", "--remove-retained", "--retained-only", "-W", "3");
    run("mosquitto_sub", "-h", "127.0.0.1", "-t", "benchgw" + run + "/#", "--remove-retained", "--retained-only", "-W", "3");
    readings.close();
  }

  static void memoryPerDevices() throws Exception {
    Clock clock = Clock.systemUTC();
    Runtime rt = Runtime.getRuntime();
    long before = used(rt);
    DeviceRegistry registry = new DeviceRegistry(null, clock);
    MetricCatalog catalog = new MetricCatalog();
    Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
    MqttTransport none = new MqttTransport() {
      public CompletableFuture<Void> publish(String t, byte[] p, int q, boolean r) {
        return CompletableFuture.completedFuture(null);
      }

      public boolean connected() {
        return true;
      }
    };
    MqttPublisher publisher = new MqttPublisher(none, registry, catalog,
        new DiscoveryCodec(new Topics("gw", "ha"), "gw", "0", Duration.ofMinutes(5)), 1024, true, new SimpleMeterRegistry());
    publisher.start(readings);
    MqttIngest ingest = new MqttIngest(new PayloadParser(65536, 16), readings, registry, catalog,
        new PresenceTracker(registry, Duration.ofSeconds(30)), clock, new IngestCounters(new SimpleMeterRegistry()));
    for (int d = 0; d < 10_000; d++) {
      String sn = "SN" + d;
      ingest.accept(msg("s/datalogger/monstro/" + d + "/heartbeat",
          "{\"serial_number\":\"" + sn + "\",\"firmware\":\"2.4.1\",\"signal\":-67}"));
      ingest.accept(msg("s/datalogger/monstro/" + d + "/input", "{\"serial_number\":\"" + sn
          + "\",\"battery_voltage\":24.5,\"solar_power\":1500,\"temperature\":31.2,\"energy_kwh\":12.5,"
          + "\"relay\":{\"1\":true,\"2\":false},\"ai\":{\"ch1\":4.2,\"ch2\":12.0}}"));
    }
    publisher.awaitDrained(Duration.ofSeconds(60));
    long after = used(rt);
    System.out.printf("memory: 10,000 devices (registry + presence + catalog 8 metrics + publisher state): %.1f MiB,"
        + " %.2f KiB per device (publisher knows %d)%n", (after - before) / 1048576.0, (after - before) / 10_000 / 1024.0,
        publisher.knownDevices());
    publisher.close();
    readings.close();
  }

  private static InboundMessage msg(String topic, String json) {
    return new InboundMessage(topic, json.getBytes(StandardCharsets.UTF_8), 1, false);
  }

  private static long used(Runtime rt) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  private static Process pubLines(String topic, List<String> lines, int qos) throws Exception {
    Process p = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-q", Integer.toString(qos), "-t", topic, "-l")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    Thread.ofVirtual().start(() -> {
      try (OutputStream out = p.getOutputStream()) {
        out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    return p;
  }

  private static void run(String... cmd) throws Exception {
    new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
        .waitFor(10, TimeUnit.SECONDS);
  }
}
