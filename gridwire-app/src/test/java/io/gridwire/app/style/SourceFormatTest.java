package io.gridwire.app.style;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFormatTest {
  private static final Path FILE = Path.of("A.java");
  private static final String CLEAN = """
      package a;

      import java.util.List;

      /** Uses {@link List}. */
      class A {}
      """;

  @Test
  void everyModule_sources_keepTheFormat() throws IOException {
    Path root = Path.of("..");
    assertTrue(SourceFormat.sources(root).size() > 500, "walked too few files: the repository root is not where expected");
    List<SourceFormat.Problem> problems = SourceFormat.checkAll(root);
    assertTrue(problems.isEmpty(), problems.size() + " source format problem(s) (README, Source format):\n"
        + problems.stream().map(Object::toString).collect(Collectors.joining("\n")));
  }

  @Test
  void check_cleanFile_noProblem() {
    assertEquals(List.of(), SourceFormat.check(FILE, CLEAN));
  }

  @Test
  void check_tab_namesTheLine() {
    assertEquals(List.of("A.java:6: tab character"), rules(CLEAN.replace("class A {}", "class A {\t}")));
  }

  @Test
  void check_trailingSpace_namesTheLine() {
    assertEquals(List.of("A.java:1: trailing whitespace"), rules(CLEAN.replace("package a;", "package a; ")));
  }

  @Test
  void check_crlf_namesEveryLine() {
    List<String> rules = rules(CLEAN.replace("\n", "\r\n"));
    assertEquals(6, rules.size(), rules.toString());
    assertEquals("A.java:1: CRLF line ending", rules.get(0));
  }

  @Test
  void check_noFinalNewline_namesTheLastLine() {
    assertEquals(List.of("A.java:6: no newline at end of file"), rules(CLEAN.strip()));
  }

  @Test
  void check_wildcardImport_named() {
    assertEquals(List.of("A.java:3: wildcard import: import java.util.*;"),
        rules(CLEAN.replace("import java.util.List;", "import java.util.*;")));
  }

  @Test
  void check_staticWildcardImport_named() {
    assertEquals(List.of("A.java:4: wildcard import: import static java.util.Collections.*;"),
        rules(CLEAN.replace("import java.util.List;", "import java.util.List;\nimport static java.util.Collections.*;")));
  }

  @Test
  void check_unusedImport_named() {
    assertEquals(List.of("A.java:3: unused import: import java.util.List;"),
        rules(CLEAN.replace("/** Uses {@link List}. */", "/** Uses nothing. */")));
  }

  @Test
  void check_importUsedInJavadocOnly_counts() {
    assertEquals(List.of(), rules(CLEAN));
  }

  @Test
  void check_nameOnlyAsPartOfAWord_stillUnused() {
    assertEquals(List.of("A.java:3: unused import: import java.util.List;"),
        rules(CLEAN.replace("/** Uses {@link List}. */", "/** Uses a Listing. */")));
  }

  @Test
  void check_lineLongerThanTheLimit_named() {
    String longLine = "  // " + "x".repeat(SourceFormat.MAX_LINE - 4);
    assertEquals(SourceFormat.MAX_LINE + 1, longLine.length());
    assertEquals(List.of("A.java:7: line of 201 characters (at most 200)"), rules(CLEAN + longLine + "\n"));
    assertEquals(List.of(), rules(CLEAN + longLine.substring(1) + "\n"));
  }

  @Test
  void checkAll_tabInAModuleFile_failsNamingFileAndLine(@TempDir Path root) throws IOException {
    Path module = root.resolve("gridwire-x");
    Path dir = Files.createDirectories(module.resolve("src/test/java/a"));
    Files.writeString(module.resolve("pom.xml"), "<project/>\n");
    Files.writeString(dir.resolve("A.java"), CLEAN.replace("class A {}", "class A {\t}"));
    Files.writeString(Files.createDirectories(root.resolve("notes")).resolve("B.java"), "\t\n"); // not a module: skipped
    List<SourceFormat.Problem> problems = SourceFormat.checkAll(root);
    assertEquals(List.of(Path.of("gridwire-x/src/test/java/a/A.java") + ":6: tab character"),
        problems.stream().map(Object::toString).toList());
  }

  private static List<String> rules(String text) {
    return SourceFormat.check(FILE, text).stream().map(Object::toString).toList();
  }
}
