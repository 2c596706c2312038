package io.gridwire.modbus.bench;

import com.sun.management.OperatingSystemMXBean;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.modbus.poll.LatencyHistogram;
import io.gridwire.modbus.poll.ModbusConfig;
import io.gridwire.modbus.poll.ModbusDeviceConfig;
import io.gridwire.modbus.poll.ModbusPoller;
import io.gridwire.modbus.poll.PollStats;
import io.gridwire.modbus.profile.ProfileLibrary;
import io.gridwire.modbus.server.ModbusServer;
import io.gridwire.modbus.server.ModbusServerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Load program (not a test): what the Modbus server façade answers and what it costs the
 * poller. N HGM9520N devices polled every 2 s (9 requests a poll, slow group off) against
 * {@code SimulatorMain --unit 0} in another process, the first min(N, 247) served on one port
 * as units 1..; then two windows of equal length in one JVM: A without clients, B with C
 * libmodbus clients ({@code tcp_client}, compiled by the ITs into target/libmodbus) each reading
 * 16 registers of its own unit as fast as answers come. Prints per window: poller requests/s,
 * missed deadlines, poll-start lateness p99, round trip p50/p99, process CPU; for B the façade's
 * answers/s and CPU per answer. Args: simHost simPort devices seconds clients tcpClientPath.
 */
public final class FacadeBench {
  private FacadeBench() {}

  private record Window(double wall, long pollerRequests, long missed, LatencyHistogram late, LatencyHistogram rtt, long cpuNanos,
      double answered) {}

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    int n = Integer.parseInt(args[2]);
    int seconds = Integer.parseInt(args[3]);
    int clients = Integer.parseInt(args[4]);
    String tcpClient = args[5];
    Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
    Bus<Event> events = new Bus<>("events", e -> String.valueOf(e.deviceId()));
    List<ModbusDeviceConfig> devices = new ArrayList<>();
    List<ModbusServerConfig.Served> served = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      devices.add(new ModbusDeviceConfig("gen-" + i, null, null, null, "smartgen-hgm9520n", null, host, port, 1,
          Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5), null, null, null, 1_000_000, null));
      if (i < 247) served.add(new ModbusServerConfig.Served("gen-" + i, i + 1, 0));
    }
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ModbusPoller poller = new ModbusPoller(new ModbusConfig(devices, null, Duration.ofSeconds(10)), ProfileLibrary.builtIns(),
        readings, events, new DeviceRegistry(events, Clock.systemUTC()), new MetricCatalog(), Clock.systemUTC(), meters);
    poller.start();
    int facadePort = io.gridwire.testkit.FreePorts.next();
    ModbusServer server = new ModbusServer(new ModbusServerConfig("127.0.0.1", facadePort, served, clients + 4, 1_000_000, null, false),
        poller::image, meters, Clock.systemUTC()).start();
    Thread.sleep(10_000); // warm-up: connections, JIT
    Window a = window(poller, meters, seconds);
    List<Process> load = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      load.add(new ProcessBuilder(tcpClient, String.valueOf(facadePort), String.valueOf(c % served.size() + 1), "3", "120", "16",
          "2000000000").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
    }
    Thread.sleep(3_000); // clients connected and at speed
    Window b = window(poller, meters, seconds);
    load.forEach(Process::destroy);
    print("A (poller only)", a);
    print("B (" + clients + " façade clients)", b);
    System.out.printf("facade: %.0f answers/s, process CPU per answer %.1f us (B-A)%n", b.answered / b.wall,
        (b.cpuNanos / b.wall - a.cpuNanos / a.wall) / 1e3 / Math.max(1, b.answered / b.wall));
    server.close();
    poller.close();
    readings.close();
    events.close();
    System.exit(0);
  }

  private static Window window(ModbusPoller poller, SimpleMeterRegistry meters, int seconds) throws InterruptedException {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    LatencyHistogram late0 = new LatencyHistogram();
    LatencyHistogram rtt0 = new LatencyHistogram();
    long req0 = 0;
    long missed0 = 0;
    for (PollStats s : poller.allStats()) {
      late0.addAll(s.latenessHistogram());
      rtt0.addAll(s.rttHistogram());
      req0 += s.snapshot().requests();
      missed0 += s.missed();
    }
    double ans0 = answered(meters);
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    long cpu = os.getProcessCpuTime() - cpu0;
    double wall = (System.nanoTime() - t0) / 1e9;
    LatencyHistogram late = new LatencyHistogram();
    LatencyHistogram rtt = new LatencyHistogram();
    long req = 0;
    long missed = 0;
    for (PollStats s : poller.allStats()) {
      late.addAll(s.latenessHistogram());
      rtt.addAll(s.rttHistogram());
      req += s.snapshot().requests();
      missed += s.missed();
    }
    late.subtract(late0);
    rtt.subtract(rtt0);
    return new Window(wall, req - req0, missed - missed0, late, rtt, cpu, answered(meters) - ans0);
  }

  private static double answered(SimpleMeterRegistry meters) {
    var c = meters.find("gridwire.modbus.server.requests").tag("result", "answered").counter();
    return c == null ? 0 : c.count();
  }

  private static void print(String name, Window w) {
    System.out.printf("%s: window %.1fs poller %.0f requests/s missed=%d lateness p99=%dus rtt p50=%dus p99=%dus cpu=%.1f%% of one core%n",
        name, w.wall, w.pollerRequests / w.wall, w.missed, w.late.percentile(0.99).toNanos() / 1000, w.rtt.percentile(0.5).toNanos() / 1000,
        w.rtt.percentile(0.99).toNanos() / 1000, 100.0 * w.cpuNanos / 1e9 / w.wall);
  }
}
