package io.gridwire.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A device simulator as its own process ({@code gridwire simulate ...}), so a test can kill it like
 * a device losing power. Not thread-safe.
 */
public final class SimulatorProcess implements AutoCloseable {
  private final Process process;

  private SimulatorProcess(Process process) {
    this.process = process;
  }

  /** Starts {@code gridwire simulate ARGS...} and waits until something listens on {@code port}. */
  public static SimulatorProcess start(Path jar, String name, int port, String... args) throws IOException, InterruptedException {
    Path logs = Path.of(System.getProperty("gridwire.e2e.logs", "target/gateway-logs"));
    Files.createDirectories(logs);
    List<String> cmd = new ArrayList<>(List.of(GatewayProcess.JAVA, "--enable-native-access=ALL-UNNAMED", "-Xmx128m",
        "-jar", jar.toString(), "simulate"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile())).start();
    SimulatorProcess sim = new SimulatorProcess(p);
    try {
      await(name + " listening on " + port).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .ignoreExceptions().until(() -> {
            if (!p.isAlive()) throw new IllegalStateException(name + " exited with " + p.exitValue());
            try (Socket s = new Socket()) {
              s.connect(new InetSocketAddress("127.0.0.1", port), 500);
              return true;
            }
          });
    } catch (RuntimeException e) {
      sim.kill();
      throw e;
    }
    return sim;
  }

  /** Starts {@code gridwire simulate ARGS...} that connects out (nothing to wait for but that it keeps running). */
  public static SimulatorProcess startClient(Path jar, String name, String... args) throws IOException {
    Path logs = Path.of(System.getProperty("gridwire.e2e.logs", "target/gateway-logs"));
    Files.createDirectories(logs);
    List<String> cmd = new ArrayList<>(List.of(GatewayProcess.JAVA, "--enable-native-access=ALL-UNNAMED", "-Xmx128m",
        "-jar", jar.toString(), "simulate"));
    cmd.addAll(List.of(args));
    return new SimulatorProcess(new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile())).start());
  }

  /** Writes one command line to the simulator's stdin (e.g. {@code alarm shutdown_low_oil_pressure on}). */
  public void command(String line) throws IOException {
    process.getOutputStream().write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    process.getOutputStream().flush();
  }

  /** Kills the process at once (SIGKILL), as a device that loses power. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) kill();
  }
}
