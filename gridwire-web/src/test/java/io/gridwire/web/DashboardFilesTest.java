package io.gridwire.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardFilesTest {
  @TempDir
  Path tmp;

  private Path jar(String... namesAndContents) throws Exception {
    Path jar = tmp.resolve("app.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (int i = 0; i < namesAndContents.length; i += 2) {
        out.putNextEntry(new JarEntry(namesAndContents[i]));
        out.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return jar;
  }

  @Test
  void extract_publicAndWebjarEntries_copiedWithTheirFolders_restLeftInTheJar() throws Exception {
    Path dir = DashboardFiles.extract(jar("public/index.html", "<html>", "public/js/app.js", "let a;",
        "META-INF/resources/webjars/uplot/1.6.32/dist/uPlot.min.js", "plot", "META-INF/MANIFEST.MF", "m",
        "io/gridwire/Other.class", "x", "public/../escape.txt", "no")).orElseThrow();
    assertThat(Files.readString(dir.resolve("webjars/uplot/1.6.32/dist/uPlot.min.js"))).isEqualTo("plot");
    assertThat(dir.resolve("MANIFEST.MF")).doesNotExist();
    assertThat(Files.readString(dir.resolve("index.html"))).isEqualTo("<html>");
    assertThat(Files.readString(dir.resolve("js/app.js"))).isEqualTo("let a;");
    assertThat(dir.resolve("io")).doesNotExist();
    assertThat(dir.getParent().resolve("escape.txt")).doesNotExist();
  }

  @Test
  void extract_jarWithoutDashboard_empty() throws Exception {
    assertThat(DashboardFiles.extract(jar("io/gridwire/Other.class", "x"))).isEmpty();
  }
}
