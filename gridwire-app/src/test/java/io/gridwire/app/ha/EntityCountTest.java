package io.gridwire.app.ha;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Home Assistant entity count per built-in device kind, total and enabled by default, printed
 * for docs/mqtt.md. A user keeps the enabled set: a screenful of values an operator watches.
 */
class EntityCountTest {

  @Test
  void builtInKinds_discovery_smallEnabledSetRestDiagnostic() throws Exception {
    StringBuilder table = new StringBuilder("kind | entities | enabled by default\n");
    Map<String, Map<String, JsonNode>> byKind = new java.util.LinkedHashMap<>();
    for (BuiltInDevices.Kind kind : BuiltInDevices.all()) {
      Map<String, JsonNode> configs = EntityCensus.configs(kind);
      byKind.put(kind.name(), configs);
      long enabled = configs.values().stream().filter(EntityCensus::enabled).count();
      table.append(kind.name()).append(" | ").append(configs.size()).append(" | ").append(enabled).append('\n');
    }
    System.out.print(table);
    for (Map.Entry<String, Map<String, JsonNode>> e : byKind.entrySet()) {
      Map<String, JsonNode> configs = e.getValue();
      long enabled = configs.values().stream().filter(EntityCensus::enabled).count();
      assertThat(enabled).as(e.getKey() + " enabled entities").isBetween(3L, 20L);
      for (JsonNode c : configs.values()) {
        if (!EntityCensus.enabled(c)) {
          assertThat(c.path("entity_category").asText()).as(c.path("unique_id").asText()).isEqualTo("diagnostic");
        }
      }
    }
  }
}
