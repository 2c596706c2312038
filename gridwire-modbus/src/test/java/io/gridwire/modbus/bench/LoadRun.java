package io.gridwire.modbus.bench;

import com.sun.management.OperatingSystemMXBean;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.modbus.poll.LatencyHistogram;
import io.gridwire.modbus.poll.ModbusConfig;
import io.gridwire.modbus.poll.ModbusDeviceConfig;
import io.gridwire.modbus.poll.ModbusPoller;
import io.gridwire.modbus.poll.PollStats;
import io.gridwire.modbus.poll.TransportFactory;
import io.gridwire.modbus.profile.ProfileLibrary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load program (not a test): N HGM9520N devices polled every 2 s over Modbus TCP against a
 * simulator in another process ({@code SimulatorMain --unit 0}). Args: host port devices seconds.
 * Prints polls, requests/s, missed deadlines, p99 poll-start lateness, process CPU per request
 * and heap. The slow alarm group is off (slowEvery huge) so a poll is the seed's 9 requests.
 * Optional fifth arg: the TCP reactor's minimum pass interval in µs (default
 * {@link TransportFactory#DEFAULT_MIN_PASS}). Also prints platform threads and resident memory at
 * the end of the window.
 */
public final class LoadRun {
  private LoadRun() {}

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    int n = Integer.parseInt(args[2]);
    int seconds = Integer.parseInt(args[3]);
    Duration minPass = args.length > 4 ? Duration.ofNanos(Long.parseLong(args[4]) * 1000) : TransportFactory.DEFAULT_MIN_PASS;
    Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
    Bus<Event> events = new Bus<>("events", e -> String.valueOf(e.deviceId()));
    AtomicLong delivered = new AtomicLong();
    readings.subscribeBatch("count", SubscriberOptions.live(), b -> delivered.addAndGet(b.size()));
    List<ModbusDeviceConfig> devices = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      devices.add(new ModbusDeviceConfig("gen-" + i, null, null, null, "smartgen-hgm9520n", null, host, port, 1,
          Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5), null, null, null, 1_000_000, null));
    }
    ModbusPoller poller = new ModbusPoller(new ModbusConfig(devices, null, Duration.ofSeconds(10)), ProfileLibrary.builtIns(),
        readings, events, new DeviceRegistry(events, Clock.systemUTC()), new MetricCatalog(), Clock.systemUTC(), new SimpleMeterRegistry(),
        TransportFactory.sockets(Duration.ofSeconds(10), minPass));
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    poller.start();
    Thread.sleep(Math.min(10, seconds / 3) * 1000L); // warm-up: connections, JIT
    long polls0 = sum(poller, true);
    long req0 = requests(poller);
    long missed0 = sum(poller, false);
    LatencyHistogram warm = new LatencyHistogram();
    LatencyHistogram warmRtt = new LatencyHistogram();
    for (PollStats s : poller.allStats()) {
      warm.addAll(s.latenessHistogram());
      warmRtt.addAll(s.rttHistogram());
    }
    long[] ticks0 = procTicks();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    Thread.sleep((seconds - Math.min(10, seconds / 3)) * 1000L);
    long cpu = os.getProcessCpuTime() - cpu0;
    long[] ticks = procTicks();
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    int peakThreads = ManagementFactory.getThreadMXBean().getPeakThreadCount();
    String rss = procStatus("VmRSS");
    String hwm = procStatus("VmHWM");
    double wall = (System.nanoTime() - t0) / 1e9;
    long polls = sum(poller, true) - polls0;
    long req = requests(poller) - req0;
    long missed = sum(poller, false) - missed0;
    LatencyHistogram late = new LatencyHistogram();
    LatencyHistogram rtt = new LatencyHistogram();
    long failed = 0;
    for (PollStats s : poller.allStats()) {
      late.addAll(s.latenessHistogram());
      rtt.addAll(s.rttHistogram());
      failed += s.snapshot().failedPolls();
    }
    late.subtract(warm);
    rtt.subtract(warmRtt);
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.printf("minPass=%dus ", minPass.toNanos() / 1000);
    System.out.printf("devices=%d window=%.1fs polls=%d requests=%d (%.0f/s) missed=%d (%.3f%%) failedPolls(total)=%d%n",
        n, wall, polls, req, req / wall, missed, 100.0 * missed / Math.max(1, polls + missed), failed);
    System.out.printf("lateness p50=%dus p99=%dus p999=%dus cpu=%.1f%% of one core cpuPerRequest=%.1fus heapAfterGc=%dMB delivered=%d%n",
        late.percentile(0.5).toNanos() / 1000, late.percentile(0.99).toNanos() / 1000, late.percentile(0.999).toNanos() / 1000,
        100.0 * cpu / 1e9 / wall, cpu / 1e3 / Math.max(1, req), heap >> 20, delivered.get());
    System.out.printf("rtt p50=%dus p99=%dus user/sys=%d/%d ticks (1/100 s)%n", rtt.percentile(0.5).toNanos() / 1000,
        rtt.percentile(0.99).toNanos() / 1000, ticks[0] - ticks0[0], ticks[1] - ticks0[1]);
    System.out.printf("threads=%d (peak %d) rss=%s (peak %s)%n", threads, peakThreads, rss, hwm);
    poller.close();
    readings.close();
    events.close();
    System.exit(0);
  }

  /** utime and stime of this process from /proc/self/stat (zeros elsewhere). */
  private static long[] procTicks() {
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
    } catch (java.io.IOException | RuntimeException e) {
      return new long[2];
    }
  }

  /** A field of /proc/self/status, e.g. {@code VmRSS} → "512345 kB" ("?" elsewhere). */
  private static String procStatus(String field) {
    try {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
        if (line.startsWith(field + ":")) return line.substring(field.length() + 1).trim();
      }
    } catch (java.io.IOException | RuntimeException e) {
      // not Linux
    }
    return "?";
  }

  private static long sum(ModbusPoller p, boolean polls) {
    long n = 0;
    for (PollStats s : p.allStats()) n += polls ? s.polls() : s.missed();
    return n;
  }

  private static long requests(ModbusPoller p) {
    long n = 0;
    for (PollStats s : p.allStats()) n += s.snapshot().requests();
    return n;
  }
}
