package io.gridwire.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code gridwire.yaml} example in the README and docs/ loads as it is written: a renamed or
 * mistyped key in an example fails here, not on a user's machine. A YAML block counts as a
 * configuration example when all its top-level keys are configuration sections (register
 * profiles and other YAML are left alone).
 */
class DocsExamplesTest {
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void configExamples_inReadmeAndDocs_load() throws Exception {
    Set<String> sections = new HashSet<>();
    for (var c : GridwireConfig.class.getRecordComponents()) sections.add(c.getName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase());
    List<Path> pages = new ArrayList<>(List.of(Path.of("..", "README.md")));
    try (Stream<Path> docs = Files.list(Path.of("..", "docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    int examples = 0;
    for (Path page : pages) {
      Matcher m = YAML_BLOCK.matcher(Files.readString(page));
      while (m.find()) {
        String block = m.group(1);
        JsonNode tree = YAML.readTree(block);
        if (tree == null || !tree.isObject() || tree.isEmpty()) continue;
        boolean config = true;
        for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) config &= sections.contains(it.next());
        if (!config) continue;
        examples++;
        try {
          new ConfigLoader().load(null, block, Map.of("GRIDWIRE_UPLINK_CLIENT_SECRET", "example-secret-0123456789"));
        } catch (RuntimeException e) {
          throw new AssertionError("an example in " + page.normalize() + " does not load: " + e.getMessage() + "\n" + block, e);
        }
      }
    }
    assertThat(examples).as("configuration examples found in README.md and docs/").isGreaterThanOrEqualTo(3);
  }
}
