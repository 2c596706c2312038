package io.gridwire.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gridwire run} in its own JVM, stopped with SIGTERM: a clean stop exits 0, not 143. */
class SigtermIT {
  @TempDir Path dir;

  @Test
  void run_sigterm_stopsCleanlyAndExitsZero() throws Exception {
    String out = runAndSignalAfter("Gridwire is running");
    assertThat(out).contains("gateway stopped");
  }

  /** A signal while the gateway is still starting waits for start-up, then stops it cleanly. */
  @Test
  void run_sigtermDuringStartUp_stopsCleanlyAfterStartUpAndExitsZero() throws Exception {
    String out = runAndSignalAfter("storage:");
    assertThat(out).contains("stop requested while starting").contains("gateway stopped");
  }

  /** Starts {@code gridwire run}, sends SIGTERM once a line contains {@code marker}, expects exit 0. */
  private String runAndSignalAfter(String marker) throws Exception {
    Path cfg = dir.resolve("g.yaml");
    Files.writeString(cfg, "node:\n  data_dir: " + dir + "\nhttp:\n  host: 127.0.0.1\n  port: 0\nauth:\n  bcrypt_cost: 4\n");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), "io.gridwire.app.Main", "run", "--log-level", "info", "--config", cfg.toString())
        .redirectErrorStream(true).start();
    StringBuilder out = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        out.append(line).append('\n');
        if (line.contains(marker)) break;
      }
      assertThat(out).as("reached " + marker).contains(marker);
      p.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its output)
      boolean stopped = p.waitFor(30, TimeUnit.SECONDS); // its output after the signal fits the pipe
      if (!stopped) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      while ((line = r.readLine()) != null) out.append(line).append('\n');
      assertThat(stopped).as("stopped within 30 s of SIGTERM:\n" + out).isTrue();
    } finally {
      p.destroyForcibly();
    }
    assertThat(p.exitValue()).as(out.toString()).isZero();
    return out.toString();
  }
}
