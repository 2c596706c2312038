package io.gridwire.app.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.testkit.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image's parts, built here by packaging/docker/build-context.sh with this JDK's
 * jlink: the module list covers what jdeps finds in the jar; the gateway starts on the jlink
 * runtime, answers /health, passes the health probe and exits 0 on SIGTERM (size and RSS printed);
 * and, where podman runs, the FROM-scratch image is built and started (see {@link Podman}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JlinkImageIT {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path JAR = Path.of("target", "gridwire.jar").toAbsolutePath();
  static final Path JDK = Path.of(System.getProperty("java.home"));
  @TempDir static Path work;
  static Path context;

  @BeforeAll
  static void buildContext() throws Exception {
    assertThat(JAR).as("the shaded jar (package phase)").isRegularFile();
    context = work.resolve("image");
    String out = Commands.run(List.of(ROOT.resolve("packaging/docker/build-context.sh").toString(), JAR.toString(),
        context.toString()), Map.of("JAVA_HOME", JDK.toString()), ROOT, 900).ok().output();
    System.out.println(out.strip());
  }

  @Test
  @Order(1)
  void moduleList_jdepsOfJar_everyModuleListed() throws Exception {
    String deps = Commands.run(List.of(JDK.resolve("bin/jdeps").toString(), "--ignore-missing-deps", "--print-module-deps",
        "--multi-release", Integer.toString(Runtime.version().feature()), JAR.toString()), Map.of(), null, 900).ok().output();
    List<String> needed = Arrays.stream(deps.strip().lines().reduce((a, b) -> b).orElseThrow().split(",")).map(String::strip).toList();
    List<String> listed = Files.readAllLines(ROOT.resolve("packaging/docker/jdk-modules.txt")).stream()
        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    assertThat(needed).contains("java.base");
    assertThat(listed).containsAll(needed);
    String modules = Commands.run(List.of(runtimeJava().toString(), "--list-modules"), Map.of(), null, 60).ok().output();
    for (String m : listed) assertThat(modules).contains(m + "@");
    assertThat(modules).doesNotContain("jdk.compiler", "java.scripting");
  }

  @Test
  @Order(2)
  void runtime_gatewayStarted_healthAndProbeOkAndSigtermExitsZero() throws Exception {
    int port = FreePorts.next();
    Path cfg = work.resolve("gridwire.yaml");
    Files.writeString(cfg, """
        node:
          data_dir: %s
        http:
          host: 127.0.0.1
          port: %d
        auth:
          bcrypt_cost: 4
        demo:
          synthetic: true
          synthetic_devices: 10
        """.formatted(work.resolve("data"), port));
    Process p = new ProcessBuilder(runtimeJava().toString(), "--enable-native-access=ALL-UNNAMED", "-Xmx192m", "-XX:+UseG1GC",
        "-jar", context.resolve("rootfs/opt/gridwire/gridwire.jar").toString(), "run", "--config", cfg.toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("gateway.log").toFile()).start();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      await("/health on the jlink runtime").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300))
          .ignoreExceptions().until(() -> {
            if (!p.isAlive()) throw new AssertionError("exited " + p.exitValue() + ":\n" + Files.readString(work.resolve("gateway.log")));
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
          });
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("js/main.js");
      Commands.Result probe = Commands.run(List.of(runtimeJava().toString(), "-Xmx16m", "-XX:TieredStopAtLevel=1",
          "-cp", context.resolve("rootfs/opt/gridwire/probe").toString(), "HealthProbe"),
          Map.of("GRIDWIRE_HTTP_PORT", Integer.toString(port)), null, 60);
      assertThat(probe.exit()).as(probe.output()).isZero();
      assertThat(Commands.run(List.of(runtimeJava().toString(), "-cp", context.resolve("rootfs/opt/gridwire/probe").toString(),
          "HealthProbe"), Map.of("GRIDWIRE_HTTP_PORT", Integer.toString(FreePorts.next())), null, 60).exit())
          .as("probe against a port nobody listens on").isEqualTo(1);
      Thread.sleep(15_000); // let the ten synthetic devices run a while before reading the footprint
      System.out.printf("jlink runtime: %.1f MiB on disk (%s); gateway RSS on it with -Xmx192m and 10 synthetic devices: %d MiB%n",
          size(context.resolve("rootfs/opt/java")) / 1048576.0, context.resolve("rootfs/opt/java"), rssKib(p.pid()) / 1024);
    } finally {
      p.destroy(); // SIGTERM
      if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(p.exitValue()).as(Files.readString(work.resolve("gateway.log"))).isZero();
  }

  @Test
  @Order(3)
  void image_podmanBuildAndRun_healthyNonRootAndCleanStop() throws Exception {
    Podman.requireUsable();
    new Podman(context, work).buildRunStop();
  }

  static Path runtimeJava() {
    return context.resolve("rootfs/opt/java/bin/java");
  }

  static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  static long rssKib(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream().filter(l -> l.startsWith("VmRSS:"))
        .map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong).findFirst().orElse(-1);
  }
}
