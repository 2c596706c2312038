package io.gridwire.app.wiring;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code gridwire run} in a JVM of its own, for tests that crash a node (SIGKILL). */
final class GatewayProcess implements AutoCloseable {
  private static final Pattern RUNNING = Pattern.compile("Gridwire is running: http://127\\.0\\.0\\.1:(\\d+)/");
  private final Process process;
  private final StringBuffer output = new StringBuffer();
  private final CompletableFuture<Integer> port = new CompletableFuture<>();

  GatewayProcess(Path config) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    process = new ProcessBuilder(java.toString(), "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), "io.gridwire.app.Main", "run", "--log-level", "info", "--config", config.toString())
        .redirectErrorStream(true).start();
    Thread.ofVirtual().name("gateway-output").start(this::drain);
  }

  private void drain() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        output.append(line).append('\n');
        Matcher m = RUNNING.matcher(line);
        if (m.find()) port.complete(Integer.parseInt(m.group(1)));
      }
    } catch (Exception e) {
      port.completeExceptionally(e);
    }
    port.completeExceptionally(new IllegalStateException("gateway exited before it ran:\n" + output));
  }

  /** The HTTP port once the gateway says it is running. */
  int httpPort(Duration within) throws Exception {
    try {
      return port.get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("gateway not running within " + within + ":\n" + output, e);
    }
  }

  /** SIGKILL: no clean stop, nothing said to Redis. */
  void crash() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(20, TimeUnit.SECONDS);
  }

  String output() {
    return output.toString();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) crash();
  }
}
