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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the image from a prepared context with Debian's podman and runs it on the host network
 * (a free port through GRIDWIRE_HTTP_PORT): /health answers, the image's HEALTHCHECK passes, it
 * runs as user 10001, and {@code podman stop} (SIGTERM) ends it with exit code 0. Image, container
 * and volume are removed afterwards.
 *
 * <p>Podman gets its own containers.conf: no default ulimits and the runc runtime, because crun
 * cannot start containers where the process lacks CAP_SYS_RESOURCE or cgroups are in hybrid mode
 * (as on this project's build machines); both settings also work everywhere else.
 */
final class Podman {
  static final Path PODMAN = Path.of("/usr/bin/podman");
  private final Path context;
  private final Map<String, String> env;
  private final String tag = "localhost/gridwire-it:" + UUID.randomUUID().toString().substring(0, 8);
  private final String name = "gridwire-it-" + UUID.randomUUID().toString().substring(0, 8);

  Podman(Path context, Path work) throws IOException {
    this.context = context;
    Path conf = work.resolve("containers.conf");
    boolean runc = Files.isExecutable(Path.of("/usr/bin/runc")) || Files.isExecutable(Path.of("/usr/sbin/runc"));
    Files.writeString(conf, "[containers]\ndefault_ulimits = []\n" + (runc ? "[engine]\nruntime = \"runc\"\n" : ""));
    this.env = Map.of("CONTAINERS_CONF", conf.toString());
  }

  static void requireUsable() {
    Tools.require(PODMAN, "podman is needed to build and start the image (apt-get install -y podman runc)");
  }

  void buildRunStop() throws Exception {
    int port = FreePorts.next();
    try {
      String built = podman(900, "build", "--format", "docker", "-t", tag, context.toString()).ok().output();
      System.out.println("image " + tag + ": " + podman(60, "image", "inspect", tag, "--format", "{{.Size}} bytes").ok().output().strip());
      assertThat(built).doesNotContain("error");
      // No timer for the HEALTHCHECK (podman would need systemd for it): the test runs it itself.
      podman(120, "run", "-d", "--name", name, "--network=host", "--health-interval=disable", "-e", "GRIDWIRE_HTTP_HOST=127.0.0.1",
          "-e", "GRIDWIRE_HTTP_PORT=" + port, "-e", "GRIDWIRE_DEMO_SYNTHETIC=true", "-e", "GRIDWIRE_AUTH_BCRYPT_COST=4", tag).ok();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      await("/health of the container").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
          .until(() -> {
            String state = podman(30, "inspect", name, "--format", "{{.State.Status}}").output().strip();
            if (state.equals("exited")) throw new AssertionError("container exited:\n" + podman(30, "logs", name).output());
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
          });
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(page.body()).as("the dashboard from the image").contains("js/main.js");
      Commands.Result health = podman(120, "healthcheck", "run", name);
      assertThat(health.exit()).as("HEALTHCHECK: " + health.output()).isZero();
      assertThat(podman(30, "inspect", name, "--format", "{{.Config.User}}").ok().output().strip()).isEqualTo("10001:10001");
      assertThat(podman(30, "top", name, "huser").ok().output()).contains("10001").doesNotContain("root");
      podman(120, "stop", "-t", "30", name).ok();
      String exit = podman(30, "inspect", name, "--format", "{{.State.ExitCode}}").ok().output().strip();
      assertThat(exit).as("exit code after podman stop:\n" + podman(30, "logs", name).output()).isEqualTo("0");
    } finally {
      podman(120, "rm", "-f", "-v", name);
      podman(120, "rmi", "-f", tag);
    }
  }

  private Commands.Result podman(long timeoutSeconds, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(PODMAN.toString()));
    cmd.addAll(List.of(args));
    return Commands.run(cmd, env, null, timeoutSeconds);
  }
}
