package io.gridwire.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The launcher's JVM defaults ({@code ./gridwire}): a small heap and the G1 collector named explicitly, each replaced by the user's choice. */
class LauncherJvmDefaultsTest {
  private static final Path LAUNCHER = Path.of("..", "gridwire").toAbsolutePath().normalize();

  /** Runs the launcher's {@code jvm_defaults} function with GRIDWIRE_JAVA_OPTS set to {@code userOpts}. */
  private static String defaults(String userOpts) throws IOException, InterruptedException {
    return defaults(userOpts, null);
  }

  /** The same with GRIDWIRE_HEAP set to {@code heap} (null: unset). */
  private static String defaults(String userOpts, String heap) throws IOException, InterruptedException {
    String functions = "set -e; source <(sed -n '/^default_heap()/,/^}/p;/^heap_setting()/,/^}/p;/^jvm_defaults()/,/^}/p' '"
        + LAUNCHER + "'); HEAP_MODE=\"$(heap_setting)\"; jvm_defaults";
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", functions).redirectErrorStream(true);
    if (userOpts != null) pb.environment().put("GRIDWIRE_JAVA_OPTS", userOpts);
    else pb.environment().remove("GRIDWIRE_JAVA_OPTS");
    if (heap != null) pb.environment().put("GRIDWIRE_HEAP", heap);
    else pb.environment().remove("GRIDWIRE_HEAP");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) return "exit " + p.exitValue() + ": " + out;
    return out;
  }

  @Test
  void defaults_nothingChosen_smallHeapAndG1Collector() throws Exception {
    assertThat(Files.isRegularFile(LAUNCHER)).isTrue();
    String out = defaults(null);
    assertThat(out).contains("-XX:+UseG1GC").contains("-XX:GCTimeRatio=4").containsPattern("-Xmx[0-9]+m");
    long mb = Long.parseLong(out.replaceAll(".*-Xmx([0-9]+)m.*", "$1"));
    assertThat(mb).isBetween(256L, 768L);
  }

  @Test
  void defaults_userHeapOrCollector_replacesThatDefaultOnly() throws Exception {
    assertThat(defaults("-Xmx3g")).isEqualTo("-XX:+UseG1GC -XX:GCTimeRatio=4 -Xms64m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=50");
    assertThat(defaults("-XX:MaxRAMPercentage=50")).isEqualTo("-XX:+UseG1GC -XX:GCTimeRatio=4 -Xms64m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=50");
    assertThat(defaults("-XX:GCTimeRatio=9")).matches("-Xmx[0-9]+m -XX:\\+UseG1GC -Xms64m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=50");
    assertThat(defaults("-Xms1g -XX:MaxHeapFreeRatio=70")).matches("-Xmx[0-9]+m -XX:\\+UseG1GC -XX:GCTimeRatio=4 -XX:MinHeapFreeRatio=20");
    assertThat(defaults("-XX:+UseSerialGC")).matches("-Xmx[0-9]+m");
    assertThat(defaults("-XX:+UseZGC -Xmx2g")).isEmpty();
  }

  @Test
  void gridwireHeap_smallSizeOrNonsense_smallProfileGivenHeapOrRefused() throws Exception {
    assertThat(defaults(null, "small")).isEqualTo("-XX:TieredStopAtLevel=1 -Xmx48m -XX:+UseSerialGC");
    assertThat(defaults("-Xmx96m", "small")).isEqualTo("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    assertThat(defaults(null, "512m")).isEqualTo("-Xmx512m -XX:+UseG1GC -XX:GCTimeRatio=4 -Xms64m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=50");
    assertThat(defaults(null, "auto")).contains("-XX:+UseG1GC").containsPattern("-Xmx[0-9]+m");
    assertThat(defaults(null, "lots")).startsWith("exit 2: GRIDWIRE_HEAP must be auto, small or a size");
  }
}
