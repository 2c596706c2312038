package io.gridwire.e2e;

import static org.awaitility.Awaitility.await;

import io.gridwire.testkit.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gateway as a real process ({@code java -jar gridwire.jar run --config FILE}) on a free port with
 * a fresh data directory, the first admin from the environment and {@code auth.bcrypt_cost: 4}.
 * Its output goes to a log file. Not thread-safe; {@link #close()} stops it (SIGTERM, then kill).
 */
public final class GatewayProcess implements AutoCloseable {
  public static final String ADMIN_EMAIL = "admin@e2e.test";
  public static final String ADMIN_PASSWORD = "admin-e2e-password";
  static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  private final Path jar;
  private final Path dir;
  private final Path config;
  private final Path log;
  private final int port;
  private Process process;

  /**
   * @param jar the shaded gateway jar
   * @param yamlExtra more YAML appended to the generated config (top-level keys other than
   *     {@code http}, {@code node}, {@code auth})
   */
  public GatewayProcess(Path jar, String name, String yamlExtra) throws IOException {
    this.jar = jar;
    this.dir = Files.createTempDirectory("gridwire-e2e-" + name + "-");
    this.port = FreePorts.next();
    this.config = dir.resolve("gridwire.yaml");
    Path logs = Path.of(System.getProperty("gridwire.e2e.logs", "target/gateway-logs"));
    Files.createDirectories(logs);
    this.log = logs.resolve(name + ".log");
    Files.writeString(config, """
        http:
          host: 127.0.0.1
          port: %d
        node:
          data_dir: %s
        auth:
          bcrypt_cost: 4
        """.formatted(port, dir.resolve("data")) + yamlExtra);
  }

  /**
   * {@code gridwire users add --role ROLE --password-stdin} against this gateway's store (run before
   * {@link #start()}; note the first admin from the environment is created only when no user exists).
   */
  public GatewayProcess addUser(String email, String role, String password) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command("users", "add", "--config", config.toString(), "--email", email, "--role", role,
        "--password-stdin")).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write((password + "\n").getBytes(StandardCharsets.UTF_8));
    }
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("gridwire users add failed; see " + log);
    }
    return this;
  }

  /** Starts the gateway and waits until {@code /health} answers (at most 60 s). */
  public GatewayProcess start() throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command("run", "--config", config.toString()))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> env = pb.environment();
    env.put("GRIDWIRE_ADMIN_EMAIL", ADMIN_EMAIL);
    env.put("GRIDWIRE_ADMIN_PASSWORD", ADMIN_PASSWORD);
    process = pb.start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    await("gateway /health on port " + port).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .ignoreExceptions().until(() -> {
          if (!process.isAlive()) throw new IllegalStateException("gateway exited with " + process.exitValue() + "; see " + log);
          return http.send(HttpRequest.newBuilder(URI.create(url("/health"))).build(), HttpResponse.BodyHandlers.discarding())
              .statusCode() == 200;
        });
    return this;
  }

  private List<String> command(String... args) {
    List<String> cmd = new ArrayList<>(List.of(JAVA, "--enable-native-access=ALL-UNNAMED", "-Xmx512m"));
    String dashboard = System.getProperty("gridwire.e2e.dashboardDir", "");
    if (dashboard.isBlank()) {
      cmd.addAll(List.of("-jar", jar.toString()));
    } else {
      cmd.addAll(List.of("-cp", Path.of(dashboard).toAbsolutePath() + java.io.File.pathSeparator + jar, "io.gridwire.app.Main"));
    }
    cmd.addAll(List.of(args));
    return cmd;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  int port() {
    return port;
  }

  Path log() {
    return log;
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    if (process == null) return;
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }
}
