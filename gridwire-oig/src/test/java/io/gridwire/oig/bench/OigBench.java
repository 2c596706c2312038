package io.gridwire.oig.bench;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.oig.codec.FrameDecoder;
import io.gridwire.oig.codec.OigFrameParser;
import io.gridwire.oig.codec.Piece;
import io.gridwire.oig.codec.RealFrames;
import io.gridwire.oig.proxy.OigConfig;
import io.gridwire.oig.proxy.OigRuntime;
import io.gridwire.oig.proxy.OigProxy;
import io.gridwire.oig.sim.BoxFrames;
import io.gridwire.oig.sim.OigBoxSimulator;
import io.gridwire.oig.sim.OigCloudSimulator;
import io.gridwire.testkit.store.InMemoryCaptureStore;
import io.gridwire.testkit.store.InMemoryQueue;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bounded figures for docs/perf/oig.md (not part of the test suite). Run:
 * {@code java -cp <test classpath> io.gridwire.oig.bench.OigBench [parse|latency|connections N]}.
 */
public final class OigBench {
  private static final ZoneId ZONE = ZoneId.of("Europe/Prague");

  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "all";
    if (what.equals("parse") || what.equals("all")) parse();
    if (what.equals("latency") || what.equals("all")) latency();
    if (what.equals("connections")) connections(Integer.parseInt(args[1]));
    // The same figure with each side in its own process, so the proxy alone holds its
    // descriptors (2 per box) under the per-process open-file limit:
    //   OigBench cloud PORT  |  OigBench proxy CLOUD_PORT LISTEN_PORT SECONDS  |  OigBench boxes N PORT
    if (what.equals("cloud")) cloudOnly(Integer.parseInt(args[1]));
    if (what.equals("proxy")) proxyOnly(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    if (what.equals("boxes")) boxesOnly(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    System.exit(0);
  }

  /** Real frames through the stream decoder and parser (CRC checked), one thread, 5 s. */
  static void parse() throws Exception {
    List<String> frames = RealFrames.allFrames();
    byte[] stream = (String.join("\r\n", frames) + "\r\n").getBytes(StandardCharsets.UTF_8);
    long[] count = {0};
    long bytes = 0;
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    long start = System.nanoTime();
    FrameDecoder d = new FrameDecoder();
    boolean warm = false;
    while (System.nanoTime() < end) {
      for (int off = 0; off < stream.length; off += 1460) {
        d.feed(stream, off, Math.min(1460, stream.length - off), p -> {
          if (p instanceof Piece.Frame f && OigFrameParser.parse(f.raw()) != null) count[0]++;
        });
      }
      bytes += stream.length;
      if (!warm && System.nanoTime() - start > 1_000_000_000L) {
        warm = true;
        count[0] = 0;
        bytes = 0;
        start = System.nanoTime();
      }
    }
    double secs = (System.nanoTime() - start) / 1e9;
    System.out.printf("parse: %d real frames, %.0f frames/s, %.1f MB/s (decoder+parser+CRC, one thread)%n",
        frames.size(), count[0] / secs, bytes / secs / 1e6);
  }

  /** Round trip box→cloud directly and through the proxy, same run, same frames. */
  static void latency() throws Exception {
    Clock clock = Clock.systemUTC();
    try (OigCloudSimulator cloud = new OigCloudSimulator("127.0.0.1", 0, ZONE, clock).start();
        OigProxy proxy = proxy(cloud.port(), clock, 100)) {
      long[] direct = rtt("127.0.0.1", cloud.port(), 4000);
      long[] viaProxy = rtt("127.0.0.1", proxy.port(), 4000);
      System.out.printf("latency direct : p50 %.3f ms p99 %.3f ms%n", pct(direct, 50), pct(direct, 99));
      System.out.printf("latency proxied: p50 %.3f ms p99 %.3f ms%n", pct(viaProxy, 50), pct(viaProxy, 99));
      System.out.printf("added by proxy : p50 %.3f ms p99 %.3f ms%n", pct(viaProxy, 50) - pct(direct, 50), pct(viaProxy, 99) - pct(direct, 99));
    }
  }

  private static long[] rtt(String host, int port, int n) {
    OigBoxSimulator box = new OigBoxSimulator(host, port, "2206237016", ZONE, Clock.systemUTC(), Duration.ofSeconds(5));
    BoxFrames frames = box.frames();
    long[] out = new long[n];
    for (int i = -1000; i < n; i++) {
      byte[] f = frames.actual(Instant.now());
      long t = System.nanoTime();
      box.exchange(f);
      if (i >= 0) out[i] = System.nanoTime() - t;
    }
    box.close();
    Arrays.sort(out);
    return out;
  }

  private static double pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
  }

  /** N box connections through the proxy to the cloud simulator, each answered; heap per connection. */
  static void connections(int n) throws Exception {
    Clock clock = Clock.systemUTC();
    try (OigCloudSimulator cloud = new OigCloudSimulator("127.0.0.1", 0, ZONE, clock).start();
        OigProxy proxy = proxy(cloud.port(), clock, n + 10)) {
      long before = usedHeap();
      List<Socket> boxes = new ArrayList<>();
      byte[] buf = new byte[256];
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        Socket s = new Socket("127.0.0.1", proxy.port());
        boxes.add(s);
        BoxFrames f = new BoxFrames(Long.toString(3_000_000_000L + i), ZONE, i);
        s.getOutputStream().write(f.actual(Instant.now()));
        InputStream in = s.getInputStream();
        if (in.read(buf) <= 0) throw new IllegalStateException("no answer on box " + i);
      }
      System.out.printf("connections: %d boxes connected and answered in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
      // one more round, as at the real cadence every box sends again
      int answered = 0;
      for (int i = 0; i < n; i++) {
        Socket s = boxes.get(i);
        s.getOutputStream().write(new BoxFrames(Long.toString(3_000_000_000L + i), ZONE, i).actual(Instant.now()));
        if (s.getInputStream().read(buf) > 0) answered++;
      }
      long after = usedHeap();
      System.out.printf("connections: second round answered %d/%d; sessions %d; heap %.1f MB total, %.1f KB per connection%n",
          answered, n, proxy.sessions().size(), after / 1e6, (after - before) / 1024.0 / n);
      for (Socket s : boxes) s.close();
    }
  }

  static void cloudOnly(int port) throws Exception {
    try (OigCloudSimulator cloud = new OigCloudSimulator("127.0.0.1", port, ZONE, Clock.systemUTC()).start()) {
      System.out.println("cloud on " + cloud.port());
      Thread.sleep(Duration.ofMinutes(10));
    }
  }

  /** Runs the proxy for {@code seconds}, printing sessions and heap per session every 5 s. */
  static void proxyOnly(int cloudPort, int listenPort, int seconds) throws Exception {
    Clock clock = Clock.systemUTC();
    OigConfig c = OigConfig.defaults().withListen("127.0.0.1", listenPort).withCloud("127.0.0.1", cloudPort)
        .withLimits(20_000, 1_000_000);
    c = c.withStorage(false, c.backfill(), c.backfillMaxFrames(), c.backfillInterval());
    Bus<Reading> readings = new Bus<>("r", Reading::deviceId);
    Bus<Event> events = new Bus<>("e", e -> e.type().name());
    try (OigProxy proxy = new OigProxy(c, OigRuntime.DEFAULT, readings, events, new DeviceRegistry(events, clock), new MetricCatalog(), clock,
        new InMemoryCaptureStore(), InMemoryQueue.ofCount(c.backfillMaxFrames()), null, null).start()) {
      long before = usedHeap();
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      while (System.nanoTime() < end) {
        Thread.sleep(5000);
        int n = proxy.sessions().size();
        long heap = usedHeap();
        System.out.printf("proxy: %d sessions, heap %.1f MB, %.1f KB per session%n", n, heap / 1e6,
            n == 0 ? 0 : (heap - before) / 1024.0 / n);
      }
    }
  }

  /** Opens {@code n} box connections, each sends tbl_actual and waits, twice; keeps them open 60 s. */
  static void boxesOnly(int n, int port) throws Exception {
    List<Socket> boxes = new ArrayList<>();
    byte[] buf = new byte[256];
    long t0 = System.nanoTime();
    for (int round = 0; round < 2; round++) {
      int answered = 0;
      for (int i = 0; i < n; i++) {
        if (round == 0) boxes.add(new Socket("127.0.0.1", port));
        Socket s = boxes.get(i);
        s.setSoTimeout(10_000);
        s.getOutputStream().write(new BoxFrames(Long.toString(3_000_000_000L + i), ZONE, i).actual(Instant.now()));
        if (s.getInputStream().read(buf) > 0) answered++;
      }
      System.out.printf("boxes: round %d answered %d/%d after %.1f s%n", round + 1, answered, n, (System.nanoTime() - t0) / 1e9);
    }
    Thread.sleep(Duration.ofSeconds(30));
    for (Socket s : boxes) s.close();
  }

  private static long usedHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  private static OigProxy proxy(int cloudPort, Clock clock, int maxConnections) {
    OigConfig c = OigConfig.defaults().withListen("127.0.0.1", 0).withCloud("127.0.0.1", cloudPort)
        .withLimits(maxConnections, 1_000_000);
    c = c.withStorage(false, c.backfill(), c.backfillMaxFrames(), c.backfillInterval());
    Bus<Reading> readings = new Bus<>("r", Reading::deviceId);
    Bus<Event> events = new Bus<>("e", e -> e.type().name());
    return new OigProxy(c, OigRuntime.DEFAULT, readings, events, new DeviceRegistry(events, clock), new MetricCatalog(), clock,
        new InMemoryCaptureStore(), InMemoryQueue.ofCount(c.backfillMaxFrames()), null, null).start();
  }
}
