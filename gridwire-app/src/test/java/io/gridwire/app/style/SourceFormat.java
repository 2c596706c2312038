package io.gridwire.app.style;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The source format every module's Java files keep (README, "Source format"): no tab, no trailing
 * whitespace, LF line endings, a final newline, no wildcard import, no unused import, lines of at
 * most {@link #MAX_LINE} characters. A check, not a formatter: it names {@code file:line} and
 * changes nothing.
 */
final class SourceFormat {
  /** The longest line allowed, in characters. */
  static final int MAX_LINE = 200;

  private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+?)\\.(\\w+|\\*)\\s*;\\s*$");

  /** One broken rule at one line (1-based). */
  record Problem(Path file, int line, String rule) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + rule;
    }
  }

  private record Import(int line, String text, String name) {}

  private SourceFormat() {}

  /** Every {@code src/main/java} and {@code src/test/java} file of every module under {@code root}. */
  static List<Path> sources(Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.filter(m -> Files.isRegularFile(m.resolve("pom.xml"))).sorted().toList()) {
        for (String tree : List.of("src/main/java", "src/test/java")) {
          Path dir = module.resolve(tree);
          if (!Files.isDirectory(dir)) continue;
          try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
          }
        }
      }
    }
    return files;
  }

  /** The problems of every source under {@code root}, in file and line order. */
  static List<Problem> checkAll(Path root) throws IOException {
    List<Problem> problems = new ArrayList<>();
    for (Path f : sources(root)) problems.addAll(check(root.relativize(f), Files.readString(f, StandardCharsets.UTF_8)));
    return problems;
  }

  /** The problems of one file's text; {@code file} only names them. */
  static List<Problem> check(Path file, String text) {
    List<Problem> problems = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    if (!text.isEmpty() && !text.endsWith("\n")) problems.add(new Problem(file, lines.length, "no newline at end of file"));
    List<Import> imports = new ArrayList<>();
    StringBuilder rest = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int n = i + 1;
      if (line.endsWith("\r")) {
        problems.add(new Problem(file, n, "CRLF line ending"));
        line = line.substring(0, line.length() - 1);
      }
      if (line.indexOf('\t') >= 0) problems.add(new Problem(file, n, "tab character"));
      if (!line.isEmpty() && Character.isWhitespace(line.charAt(line.length() - 1))) {
        problems.add(new Problem(file, n, "trailing whitespace"));
      }
      if (line.length() > MAX_LINE) problems.add(new Problem(file, n, "line of " + line.length() + " characters (at most " + MAX_LINE + ")"));
      Matcher m = IMPORT.matcher(line);
      if (m.matches()) {
        if (m.group(3).equals("*")) problems.add(new Problem(file, n, "wildcard import: " + line.strip()));
        else imports.add(new Import(n, line.strip(), m.group(3)));
      } else {
        rest.append(line).append('\n');
      }
    }
    // An import is used when its simple name appears anywhere else in the file (code or Javadoc).
    String body = rest.toString();
    for (Import im : imports) {
      if (!Pattern.compile("\\b" + Pattern.quote(im.name()) + "\\b").matcher(body).find()) {
        problems.add(new Problem(file, im.line(), "unused import: " + im.text()));
      }
    }
    problems.sort(Comparator.comparingInt(Problem::line));
    return problems;
  }
}
