package io.gridwire.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {
  @Test
  void docsPage_matchesTheCode() throws Exception {
    Path page = Path.of("..", "docs", "configuration.md");
    assertThat(page).as("docs/configuration.md exists").exists();
    assertThat(Files.readString(page))
        .as("docs/configuration.md is stale: regenerate with ./gridwire config reference > docs/configuration.md")
        .isEqualTo(ConfigReference.markdown());
  }
}
