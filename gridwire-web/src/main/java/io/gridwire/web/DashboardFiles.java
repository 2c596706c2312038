package io.gridwire.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The dashboard's files ({@code public/} inside the jar, and the web jars it uses under
 * {@code webjars/}) copied to a temporary folder at start, served from there. Served straight from the class path, Jetty mounts the whole jar as a zip file
 * system and keeps its index of every entry (about 21,000 in the fat jar) on the heap: some 20 MB,
 * the largest single item of a small site's heap (docs/performance.md, "Small site footprint"). The
 * folder is removed when the JVM exits.
 */
final class DashboardFiles {
  private static final String PREFIX = "public/";
  /** Web jars (the chart library), served under {@code /webjars/} as Javalin's webjar support does. */
  private static final String WEBJARS = "META-INF/resources/webjars/";

  private DashboardFiles() {}

  /** The folder with the dashboard's files, or empty when the classes are not in a jar (tests, IDE). */
  static Optional<Path> extractFromJar() {
    Path jar = codeSource();
    if (jar == null || !Files.isRegularFile(jar)) return Optional.empty();
    return extract(jar);
  }

  /** Copies the {@code public/} entries of {@code jar}; empty when it has none. */
  static Optional<Path> extract(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      Path dir = Files.createTempDirectory("gridwire-dashboard-");
      List<Path> created = new ArrayList<>();
      created.add(dir);
      Enumeration<JarEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        JarEntry e = entries.nextElement();
        String relative = relative(e);
        if (relative == null) continue;
        Path target = dir.resolve(relative).normalize();
        if (!target.startsWith(dir)) continue; // an entry name climbing out of the folder
        Files.createDirectories(target.getParent());
        try (InputStream in = file.getInputStream(e)) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        created.add(target);
      }
      removeOnExit(dir, created);
      return Files.exists(dir.resolve("index.html")) ? Optional.of(dir) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("could not copy the dashboard out of " + jar + ": " + e.getMessage(), e);
    }
  }

  /** Where an entry goes in the folder, or null when it is not served. */
  private static String relative(JarEntry e) {
    if (e.isDirectory()) return null;
    if (e.getName().startsWith(PREFIX)) return e.getName().substring(PREFIX.length());
    if (e.getName().startsWith(WEBJARS)) return "webjars/" + e.getName().substring(WEBJARS.length());
    return null;
  }

  private static Path codeSource() {
    try {
      var src = DashboardFiles.class.getProtectionDomain().getCodeSource();
      return src == null ? null : Path.of(src.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return null;
    }
  }

  /** Files first, then folders deepest first, so each folder is empty when its turn comes. */
  private static void removeOnExit(Path dir, List<Path> files) {
    List<Path> all = new ArrayList<>(files);
    try (var walk = Files.walk(dir)) {
      walk.filter(Files::isDirectory).forEach(all::add);
    } catch (IOException ignored) {
      // best effort: a leftover temp folder is harmless
    }
    // deleteOnExit runs in reverse order of registration: register folders first (outermost first), files last.
    all.stream().filter(Files::isDirectory).distinct().sorted().forEach(p -> p.toFile().deleteOnExit());
    all.stream().filter(p -> !Files.isDirectory(p)).forEach(p -> p.toFile().deleteOnExit());
  }
}
