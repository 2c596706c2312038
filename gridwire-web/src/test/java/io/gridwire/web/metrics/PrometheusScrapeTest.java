package io.gridwire.web.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.web.TestGateway;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class PrometheusScrapeTest {
  final TestGateway gw = new TestGateway();
  final RuntimeMetrics runtime = RuntimeMetrics.bind(gw.meters, "1.2.3-test");

  @AfterEach
  void stop() {
    runtime.close();
    gw.close();
  }

  @Test
  void scrape_runtimeBound_jvmProcessAndBuildInfo() {
    gw.start();
    gw.get("/api/devices", gw.login(TestGateway.VIEWER));
    assertThat(gw.scrape())
        .contains("# HELP gridwire_build_info ")
        .containsPattern("gridwire_build_info\\{java=\"[^\"]+\",version=\"1.2.3-test\"} 1")
        .contains("jvm_memory_used_bytes{", "jvm_threads_live_threads ", "jvm_classes_loaded_classes ")
        .contains("process_cpu_seconds_total ", "process_cpu_usage ", "process_uptime_seconds ", "process_start_time_seconds ");
  }

  @Test
  void scrape_promtool_reportsNoProblems() throws Exception {
    Path promtool = Path.of("/usr/bin/promtool");
    if (!Files.isExecutable(promtool)) {
      String reason = "promtool not installed (Debian package prometheus)";
      if (io.gridwire.testkit.RealServices.ci()) throw new AssertionError(reason + " — CI requires it (.ci/run installs it)");
      Assumptions.abort(reason);
    }
    gw.start();
    gw.get("/api/devices", gw.login(TestGateway.VIEWER));
    Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
    p.getOutputStream().write(gw.scrape().getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(out).isEmpty();
    assertThat(p.exitValue()).isZero();
  }
}
