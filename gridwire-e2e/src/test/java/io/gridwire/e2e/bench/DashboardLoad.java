package io.gridwire.e2e.bench;

import static org.awaitility.Awaitility.await;

import io.gridwire.e2e.Browser;
import io.gridwire.e2e.GatewayProcess;
import io.gridwire.e2e.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;

/**
 * Load program (not a test): the dashboard with N synthetic devices publishing every interval
 * (default 2,000 devices every 2 s = 1,000 readings/s). Measures page load to a fully listed
 * device table, what the page receives and renders per second, main-thread stalls, JS heap, DOM
 * size and the browser's resident memory. Run:
 *
 * <pre>
 * mvn -f gridwire-e2e/pom.xml test-compile
 * java -cp "$(cat gridwire-e2e/target/cp.txt):gridwire-e2e/target/test-classes" io.gridwire.e2e.bench.DashboardLoad [devices] [interval] [seconds]
 * </pre>
 */
public final class DashboardLoad {
  private DashboardLoad() {}

  public static void main(String[] args) throws Exception {
    int devices = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    String interval = args.length > 1 ? args[1] : "2s";
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    Path jar = Requirements.require();
    try (GatewayProcess gw = new GatewayProcess(jar, "load", """
        demo:
          synthetic: true
          synthetic_devices: %d
          synthetic_interval: %s
        """.formatted(devices, interval))) {
      gw.addUser(GatewayProcess.ADMIN_EMAIL, "admin", GatewayProcess.ADMIN_PASSWORD).start();
      String base = gw.url("");
      try (Browser b = new Browser()) {
        b.signIn(base, GatewayProcess.ADMIN_EMAIL, GatewayProcess.ADMIN_PASSWORD);
        String all = devices + " devices";
        await().atMost(Duration.ofSeconds(60)).until(() -> b.text(By.id("device-summary")).startsWith(all));
        Thread.sleep(5000); // every device has published at least twice

        List<Long> loads = new ArrayList<>();
        List<Double> dcl = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          long t0 = System.nanoTime();
          b.open(base + "/?run=" + i + "#/devices");
          await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
              .until(() -> b.text(By.id("device-summary")).startsWith(all));
          loads.add((System.nanoTime() - t0) / 1_000_000);
          dcl.add(((Number) b.js("return performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")).doubleValue());
        }
        System.out.printf("devices page load to %s listed (ms, 5 runs): %s; median %d; DOMContentLoaded median %.0f ms%n",
            all, loads, median(loads), medianD(dcl));

        report(b, "devices page (all devices streamed)", seconds);

        long t0 = System.nanoTime();
        b.open(base + "/?run=dev#/device/synthetic-1");
        b.waitFor(By.cssSelector("#live-values span[data-metric='gen_uab']"));
        long firstValue = (System.nanoTime() - t0) / 1_000_000;
        String v = b.text(By.cssSelector("#live-values span[data-metric='gen_uab']"));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
            .until(() -> !b.text(By.cssSelector("#live-values span[data-metric='gen_uab']")).equals(v));
        long firstChange = (System.nanoTime() - t0) / 1_000_000;
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
            Integer.parseInt(b.driver.findElement(By.id("chart")).getDomAttribute("data-points")) > 0);
        long chart = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("device page: first value %d ms, first live change %d ms, first chart with history %d ms%n",
            firstValue, firstChange, chart);
        report(b, "device page (one device streamed)", Math.min(seconds, 15));
        b.open(base + "/?run=shot#/devices");
        await().atMost(Duration.ofSeconds(60)).until(() -> b.text(By.id("device-summary")).startsWith(all));
        b.screenshot("load-devices-" + devices);
        System.out.printf("gateway RSS %d MB%n", rssKb(gw.pid()) / 1024);
      }
    }
  }

  /** Watches the current page for `seconds`: rates, stalls, frames, memory. */
  @SuppressWarnings("unchecked")
  static void report(Browser b, String what, int seconds) throws Exception {
    b.js("""
        window.__m = {longTasks: 0, longMs: 0, maxGap: 0, frames: 0, last: performance.now(),
          r0: (window.gridwireLive||{}).readings||0, f0: (window.gridwireLive||{}).flushes||0, t0: performance.now()};
        new PerformanceObserver(l => { for (const e of l.getEntries()) { __m.longTasks++; __m.longMs += e.duration; } })
          .observe({type: 'longtask'});
        const tick = (t) => { __m.maxGap = Math.max(__m.maxGap, t - __m.last); __m.last = t; __m.frames++; requestAnimationFrame(tick); };
        requestAnimationFrame(tick);""");
    Thread.sleep(seconds * 1000L);
    Map<String, Object> m = (Map<String, Object>) b.js("""
        const s = (performance.now() - __m.t0) / 1000, L = window.gridwireLive || {};
        return {secs: s, readingsPerSec: ((L.readings||0) - __m.r0) / s, rendersPerSec: ((L.flushes||0) - __m.f0) / s,
          lastRenderMs: L.lastFlushMs||0, longTasks: __m.longTasks, longTaskMs: __m.longMs, fps: __m.frames / s,
          maxFrameGapMs: __m.maxGap, usedJSHeap: performance.memory.usedJSHeapSize, totalJSHeap: performance.memory.totalJSHeapSize,
          domNodes: document.getElementsByTagName('*').length};""");
    Map<String, Number> cdp = b.performanceMetrics();
    System.out.printf("%s over %.0f s: %.1f readings/s received, %.1f renders/s (last render %.1f ms), %.0f fps, "
            + "max frame gap %.0f ms, %s long tasks (%.0f ms total); JS heap used %.1f MB (total %.1f MB); "
            + "CDP JSHeapUsedSize %.1f MB, Nodes %s (DOM elements %s), JSEventListeners %s; chromium PSS (all processes) %d MB%n",
        what, num(m, "secs"), num(m, "readingsPerSec"), num(m, "rendersPerSec"), num(m, "lastRenderMs"), num(m, "fps"),
        num(m, "maxFrameGapMs"), m.get("longTasks"), num(m, "longTaskMs"), num(m, "usedJSHeap") / 1e6,
        num(m, "totalJSHeap") / 1e6, cdp.getOrDefault("JSHeapUsedSize", 0).doubleValue() / 1e6, cdp.get("Nodes"),
        m.get("domNodes"), cdp.get("JSEventListeners"), chromiumPssKb() / 1024);
  }

  static double num(Map<String, Object> m, String k) {
    return ((Number) m.get(k)).doubleValue();
  }

  static long median(List<Long> xs) {
    List<Long> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  static double medianD(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  /** Resident memory of one process, kB (Linux /proc). */
  static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }

  /** Proportional set size of one process, kB (shared pages split between sharers). */
  static long pssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
        if (line.startsWith("Pss:")) return Long.parseLong(line.replaceAll("\\D", ""));
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }

  /** Summed PSS of every process started with a gridwire-e2e chromium profile. */
  static long chromiumPssKb() {
    long sum = 0;
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String cmd = Files.readString(p.resolve("cmdline"));
          if (cmd.contains("gridwire-e2e-chromium-") && cmd.contains("chromium")) sum += pssKb(Long.parseLong(p.getFileName().toString()));
        } catch (IOException | RuntimeException ignored) {
          // process ended
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return sum;
  }
}
