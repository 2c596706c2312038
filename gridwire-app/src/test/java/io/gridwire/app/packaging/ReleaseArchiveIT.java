package io.gridwire.app.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./gridwire release} (packaging/release.sh) with the jar of this build: the archive holds
 * the launcher, the jar, the docs and the packaging (the add-on with its jar), and the unpacked
 * launcher runs the jar on a Java runtime without javac and without building anything.
 */
class ReleaseArchiveIT {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path JAR = Path.of("target", "gridwire.jar").toAbsolutePath();

  @Test
  void release_builtAndUnpacked_launcherRunsJarOnJre(@TempDir Path dir) throws Exception {
    assertThat(JAR).as("the shaded jar (package phase)").isRegularFile();
    String out = Commands.run(List.of(ROOT.resolve("gridwire").toString(), "release", "--jar", JAR.toString(),
        "--out", dir.resolve("out").toString()), Map.of("JAVA_HOME", System.getProperty("java.home")), ROOT, 300).ok().output();
    Path archive;
    try (var files = Files.list(dir.resolve("out"))) {
      archive = files.filter(f -> f.toString().endsWith(".tar.gz")).findFirst().orElseThrow(() -> new AssertionError(out));
    }
    String name = archive.getFileName().toString().replace(".tar.gz", "");
    assertThat(name).startsWith("gridwire-0.");
    String listing = Commands.run(List.of("tar", "tzvf", archive.toString()), Map.of(), null, 60).ok().output();
    for (String entry : List.of("/gridwire", "/lib/gridwire.jar", "/README.md", "/docs/install.md", "/docs/home-assistant.md",
        "/packaging/systemd/gridwire.service", "/packaging/docker/Dockerfile", "/packaging/docker/jdk-modules.txt",
        "/packaging/home-assistant/config.yaml", "/packaging/home-assistant/gridwire.jar")) {
      assertThat(listing).as(entry).contains(name + entry);
    }
    assertThat(listing).doesNotContain("pom.xml", "/src/main/", "/target/").contains(" 0/0 ");

    Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
    Commands.run(List.of("tar", "xzf", archive.toString(), "-C", unpacked.toString()), Map.of(), null, 60).ok();
    Path jre = Files.createDirectories(dir.resolve("jre/bin"));
    Files.createSymbolicLink(jre.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
    Commands.Result version = Commands.run(List.of(unpacked.resolve(name).resolve("gridwire").toString(), "version"),
        Map.of("JAVA_HOME", jre.getParent().toString(), "PATH", "/usr/bin:/bin"), dir, 120);
    assertThat(version.exit()).as(version.output()).isZero();
    assertThat(version.output()).startsWith("gridwire 0.").doesNotContain("Building");
  }
}
