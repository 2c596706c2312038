package io.gridwire.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every config key the docs name in backquotes exists (web.* is the old, wrong prefix of http.*). */
class DocsKeysTest {
  private static final Pattern KEY = Pattern.compile(
      "`((?:auth|demo|http|influx|modbus|mqtt|node|oig|redis|storage|uplink|ws_devices|web)\\.[A-Za-z0-9_.\\[\\]]+)");

  @Test
  void docs_everyNamedConfigKey_existsInReference() throws Exception {
    Set<String> keys = new TreeSet<>();
    for (String[] row : new ConfigLoader().reference()) keys.add(row[0]);
    List<String> unknown = new ArrayList<>();
    try (Stream<Path> pages = Files.list(Path.of("..", "docs"))) {
      for (Path page : Stream.concat(pages, Stream.of(Path.of("..", "README.md"))).toList()) {
        if (!page.toString().endsWith(".md") || page.endsWith("configuration.md")) continue;
        Matcher m = KEY.matcher(Files.readString(page));
        while (m.find()) {
          String key = m.group(1).replaceAll("\\[\\d+]", "[]").replaceAll("\\.$", "");
          if (keys.stream().noneMatch(k -> k.equals(key) || k.startsWith(key + ".") || k.startsWith(key + "[]"))) {
            unknown.add(page.getFileName() + ": " + key);
          }
        }
      }
    }
    assertThat(unknown).as("keys named in docs but not in docs/configuration.md").isEmpty();
  }
}
