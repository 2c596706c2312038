package io.gridwire.oig.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the shared real-frame captures ({@code shared/protocols/oig-frames}) by walking up from
 * the working directory. They are read in place, never copied into the project. Locally a
 * missing folder skips with a printed reason; under {@code CI=true} it fails.
 *
 * <p>Two shapes: one frame per line in {@code frames_*.txt} / {@code session_*.txt} (without the
 * wire's CR LF), and the capture exports in {@code raw_json/*.json}, whose frame text keeps its
 * CR LF and may come with the exporter's {@code parsed} dict, {@code table_name},
 * {@code direction} and byte {@code length}.
 */
public final class RealFrames {
  /** JSON decimals as exact {@link BigDecimal}s, so {@code 52.68} is compared without binary rounding. */
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private RealFrames() {}

  /**
   * One frame of a {@code raw_json} export.
   *
   * @param source file name and index, for assertion messages ({@code box_frames_100.json[7]})
   * @param raw the frame as it was on the wire, CR LF included
   * @param tableName the exporter's {@code table_name} (a table, a poll name, or {@code unknown}), or null
   * @param direction {@code box_to_proxy} / {@code cloud_to_proxy}, or null when the export has none
   * @param length the exporter's byte length of {@code raw}, or null
   * @param parsed the exporter's parsed fields in file order (numbers as {@link BigDecimal} or
   *     {@link java.math.BigInteger}/{@link Integer}/{@link Long}, text as {@link String}), or null
   */
  public record JsonFrame(String source, String raw, String tableName, String direction, Integer length,
      Map<String, Object> parsed) {}

  /** Every frame of every {@code raw_json/*.json} export, file by file in name order, in file order. */
  public static List<JsonFrame> jsonFrames() throws IOException {
    Path dir = dir().resolve("raw_json");
    if (!Files.isDirectory(dir)) throw new AssertionError(dir + " is missing: the shared captures are incomplete");
    List<JsonFrame> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
        JsonNode root = JSON.readTree(f.toFile());
        JsonNode frames = root.isArray() ? root : root.path("frames");
        for (int i = 0; i < frames.size(); i++) out.add(jsonFrame(f.getFileName() + "[" + i + "]", frames.get(i)));
      }
    }
    return out;
  }

  private static JsonFrame jsonFrame(String source, JsonNode n) {
    String raw = n.hasNonNull("frame") ? n.get("frame").asText() : n.path("raw").asText(null);
    if (raw == null) throw new AssertionError(source + " has neither 'frame' nor 'raw'");
    Map<String, Object> parsed = null;
    if (n.hasNonNull("parsed")) {
      parsed = new LinkedHashMap<>();
      for (var e : n.get("parsed").properties()) {
        JsonNode v = e.getValue();
        parsed.put(e.getKey(), v.isNumber() ? v.numberValue() : v.asText());
      }
    }
    return new JsonFrame(source, raw, n.path("table_name").asText(null), n.path("direction").asText(null),
        n.hasNonNull("length") ? n.get("length").asInt() : null, parsed);
  }

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
