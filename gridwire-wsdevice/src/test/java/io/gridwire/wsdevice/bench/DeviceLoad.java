package io.gridwire.wsdevice.bench;

import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.user.User;
import io.gridwire.store.redis.RedisCluster;
import io.gridwire.store.redis.RedisConfig;
import io.gridwire.store.redis.RedisRuntime;
import io.gridwire.wsdevice.config.DeviceConfig;
import io.gridwire.web.TestGateway;
import io.gridwire.wsdevice.DeviceGateway;
import io.gridwire.wsdevice.DeviceClient;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bounded load program for the device endpoint (not part of the test suite). Devices for
 * {@code sessions} and {@code telemetry} run in a separate process ({@code load/devices.py},
 * Debian python3-websockets) so the server's heap is measured alone.
 *
 * <pre>
 *   java ... io.gridwire.web.bench.DeviceLoad sessions 10000
 *   java ... io.gridwire.web.bench.DeviceLoad telemetry 1000 10
 *   java ... io.gridwire.web.bench.DeviceLoad rtt 300          (cross-node part needs Redis on 6379)
 * </pre>
 */
public final class DeviceLoad {
  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "sessions" -> sessions(Integer.parseInt(args[1]));
      case "telemetry" -> telemetry(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
      case "rtt" -> rtt(Integer.parseInt(args[1]));
      default -> throw new IllegalArgumentException(args[0]);
    }
    System.exit(0);
  }

  static DeviceGateway server(DeviceConfig devices) {
    return new DeviceGateway().start(c -> c, devices, null);
  }

  static Path tokens(DeviceGateway gw, int n) throws Exception {
    User admin = gw.users.findByEmail(TestGateway.ADMIN).orElseThrow();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String id = "dev-" + i;
      sb.append(id).append(' ').append(gw.server.authenticator().issueDeviceToken(id, admin, null).token()).append('\n');
    }
    Path f = Files.createTempFile("tokens", ".txt");
    Files.writeString(f, sb);
    return f;
  }

  static Process fleet(DeviceGateway gw, Path tokens, String mode, int seconds) throws Exception {
    Path script = Path.of(DeviceLoad.class.getResource("/load/devices.py").toURI());
    return new ProcessBuilder("/usr/bin/python3", script.toString(), gw.wsBase(), tokens.toString(), mode,
        Integer.toString(seconds)).redirectErrorStream(true).start();
  }

  static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static void sessions(int n) throws Exception {
    DeviceGateway gw = server(DeviceConfig.defaults());
    Path tokens = tokens(gw, n);
    long before = heapAfterGc();
    long t0 = System.nanoTime();
    Process p = fleet(gw, tokens, "idle", 3600);
    var out = p.inputReader();
    String line = out.readLine();
    double secs = (System.nanoTime() - t0) / 1e9;
    if (line == null || !line.startsWith("READY")) {
      throw new IllegalStateException("fleet: " + line + "\n" + String.join("\n", out.lines().limit(40).toList()));
    }
    while (gw.devices.sessions().size() < n) Thread.sleep(100);
    long after = heapAfterGc();
    System.out.printf("sessions=%d connected_in=%.1fs heap_before=%.1fMiB heap_after=%.1fMiB per_session=%.1fKiB threads=%d%n",
        gw.devices.sessions().size(), secs, before / 1048576.0, after / 1048576.0, (after - before) / 1024.0 / n,
        Thread.activeCount());
    p.destroy();
    gw.close();
  }

  static void telemetry(int n, int seconds) throws Exception {
    DeviceGateway gw = server(DeviceConfig.defaults().withRate(1e9, 1_000_000_000));
    LongAdder count = new LongAdder();
    gw.readings.subscribeBatch("count", SubscriberOptions.live(), b -> count.add(b.size()));
    Process p = fleet(gw, tokens(gw, n), "flood", seconds);
    var out = p.inputReader();
    String ready = out.readLine();
    if (ready == null || !ready.startsWith("READY")) throw new IllegalStateException("fleet: " + ready);
    long c0 = count.sum();
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    long c1 = count.sum();
    double secs = (System.nanoTime() - t0) / 1e9;
    String sent = out.readLine();
    System.out.printf("devices=%d readings=%d in %.1fs => %.0f msg/s (%s)%n", n, c1 - c0, secs, (c1 - c0) / secs, sent);
    p.destroy();
    gw.close();
  }

  static void rtt(int n) throws Exception {
    DeviceGateway a = server(DeviceConfig.defaults());
    DeviceClient dev = DeviceClient.authenticated(a.http, a.wsBase(), "rtt-1", TestGateway.VIEWER, TestGateway.PASSWORD);
    String admin = a.login(TestGateway.ADMIN);
    System.out.println("same node: " + measure(a, admin, dev, "rtt-1", n));
    a.close();

    String prefix = "gwbench:" + UUID.randomUUID() + ":";
    List<AutoCloseable> close = new ArrayList<>();
    RedisCluster ra = RedisCluster.start(RedisConfig.of("redis://127.0.0.1:6379").withKeyPrefix(prefix), RedisRuntime.of("node-a"));
    RedisCluster rb = RedisCluster.start(RedisConfig.of("redis://127.0.0.1:6379").withKeyPrefix(prefix), RedisRuntime.of("node-b"));
    DeviceGateway na = new DeviceGateway().start(c -> c, DeviceConfig.defaults(), ra.cluster());
    DeviceGateway nb = new DeviceGateway().start(c -> c, DeviceConfig.defaults(), rb.cluster());
    DeviceClient d2 = DeviceClient.authenticated(na.http, na.wsBase(), "rtt-2", TestGateway.VIEWER, TestGateway.PASSWORD);
    System.out.println("across nodes (Redis): " + measure(nb, nb.login(TestGateway.ADMIN), d2, "rtt-2", n));
    ra.cluster().directory().release("rtt-2");
    na.close();
    nb.close();
    ra.close();
    rb.close();
  }

  static String measure(TestGateway gw, String admin, DeviceClient dev, String id, int n) throws Exception {
    for (int i = 0; i < 50; i++) {
      gw.post("/api/sessions/" + id + "/messages", admin, "{\"warm\":" + i + "}");
      dev.next();
    }
    long[] micros = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      var r = gw.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gw.base() + "/api/sessions/" + id + "/messages"))
          .header("Authorization", "Bearer " + admin).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"i\":" + i + "}"))
          .timeout(Duration.ofSeconds(10)).build());
      if (r.statusCode() != 200) throw new IllegalStateException(r.body());
      dev.next();
      micros[i] = (System.nanoTime() - t0) / 1000;
    }
    Arrays.sort(micros);
    return String.format("n=%d p50=%.2fms p99=%.2fms max=%.2fms", n, micros[n / 2] / 1000.0, micros[(int) (n * 0.99)] / 1000.0,
        micros[n - 1] / 1000.0);
  }
}
