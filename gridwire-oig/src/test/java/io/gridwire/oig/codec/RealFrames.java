package io.gridwire.oig.codec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the shared real-frame captures ({@code shared/protocols/oig-frames}) by walking up from
 * the working directory. They are read in place, never copied into the project. Locally a
 * missing folder skips with a printed reason; under {@code CI=true} it fails.
 */
public final class RealFrames {
  private RealFrames() {}

  public static Path dir() {
    Optional<Path> found = find();
    if (found.isPresent()) return found.get();
    String reason = "shared/protocols/oig-frames not found above " + Path.of("").toAbsolutePath();
    if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new AssertionError(reason + " — CI requires it");
    System.out.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
    return null;
  }

  public static Optional<Path> find() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared/protocols/oig-frames");
      if (Files.isDirectory(candidate)) return Optional.of(candidate);
    }
    return Optional.empty();
  }

  /** Every frame line of every {@code frames_*.txt} and {@code session_*.txt} file. */
  public static List<String> allFrames() throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir())) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (!name.endsWith(".txt") || !(name.startsWith("frames_") || name.startsWith("session_"))) continue;
        for (String line : Files.readAllLines(f)) {
          int i = line.indexOf("<Frame>");
          if (!line.startsWith("#") && i >= 0) out.add(line.substring(i));
        }
      }
    }
    return out;
  }

  /** Frames of one file. */
  public static List<String> frames(String file) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir().resolve(file))) {
      int i = line.indexOf("<Frame>");
      if (!line.startsWith("#") && i >= 0) out.add(line.substring(i));
    }
    return out;
  }
}
