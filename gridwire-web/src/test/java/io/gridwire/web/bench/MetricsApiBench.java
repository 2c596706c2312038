package io.gridwire.web.bench;

import io.gridwire.core.device.Device;
import io.gridwire.core.device.Source;
import io.gridwire.core.reading.MetricInfo;
import io.gridwire.core.reading.Reading;
import io.gridwire.web.TestGateway;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code GET /api/metrics} with 10,000 devices of 10 values each (units from the catalog): time per
 * request from a JDK HttpClient loop on the same machine, after warm-up. Not part of the suite.
 * Prints the token so {@code wrk} can be pointed at the server while it sleeps (arg: seconds).
 */
public final class MetricsApiBench {
  public static void main(String[] args) throws Exception {
    int devices = 10_000;
    int holdSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    try (TestGateway gw = new TestGateway()) {
      Instant t = Instant.parse("2025-06-01T12:00:00Z");
      List<MetricInfo> infos = new ArrayList<>();
      for (int m = 0; m < 10; m++) infos.add(MetricInfo.of("metric_" + m, "Metric " + m, m % 2 == 0 ? "V" : "A"));
      for (int d = 0; d < devices; d++) {
        String id = "dev-" + d;
        gw.registry.register(Device.of(id, "site-" + (d % 10), "inverter", Source.MODBUS));
        gw.catalog.declare(id, infos);
        Reading.Builder b = Reading.builder(id, t, t);
        for (int m = 0; m < 10; m++) b.put("metric_" + m, 230.0 + d * 0.001 + m);
        gw.latest.update(b.build());
      }
      gw.start(c -> c.withPort(args.length > 1 ? Integer.parseInt(args[1]) : 0));
      String token = gw.login(TestGateway.VIEWER);
      HttpRequest req = HttpRequest.newBuilder(URI.create(gw.base() + "/api/metrics"))
          .header("Authorization", "Bearer " + token).GET().build();
      int size = 0;
      for (int i = 0; i < 100; i++) size = gw.http.send(req, HttpResponse.BodyHandlers.ofByteArray()).body().length;
      int n = 300;
      long[] ms = new long[n];
      for (int i = 0; i < n; i++) {
        long s = System.nanoTime();
        HttpResponse<byte[]> r = gw.http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        ms[i] = System.nanoTime() - s;
        if (r.statusCode() != 200) throw new IllegalStateException("status " + r.statusCode());
      }
      Arrays.sort(ms);
      System.out.printf("GET /api/metrics, %d devices x 10 values, %d bytes: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%d requests)%n",
          devices, size, ms[n / 2] / 1e6, ms[n * 95 / 100] / 1e6, ms[n * 99 / 100] / 1e6, ms[n - 1] / 1e6, n);
      // Worst case: every device changed since the previous request (no cached entry reusable).
      int cold = 50;
      long[] cms = new long[cold];
      for (int i = 0; i < cold; i++) {
        Instant ti = t.plusSeconds(i + 1);
        for (int d = 0; d < devices; d++) {
          Reading.Builder b = Reading.builder("dev-" + d, ti, ti);
          for (int m = 0; m < 10; m++) b.put("metric_" + m, 231.0 + d * 0.001 + m + i);
          gw.latest.update(b.build());
        }
        long s = System.nanoTime();
        gw.http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        cms[i] = System.nanoTime() - s;
      }
      Arrays.sort(cms);
      System.out.printf("  every device changed before each request: p50 %.1f ms, p95 %.1f ms, max %.1f ms (%d requests)%n",
          cms[cold / 2] / 1e6, cms[cold * 95 / 100] / 1e6, cms[cold - 1] / 1e6, cold);
      if (holdSeconds > 0) {
        System.out.println("wrk target: " + gw.base() + "/api/metrics  token: " + token);
        Thread.sleep(holdSeconds * 1000L);
      }
    }
  }
}
