package io.gridwire.web.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.MetricInfo;
import io.gridwire.core.reading.Reading;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatestJsonTest {
  private static final Instant T = Instant.parse("2025-06-01T12:00:00Z");
  private final MetricCatalog catalog = new MetricCatalog();
  private final LatestJson json = new LatestJson(catalog);

  private static Reading reading(String id, double v) {
    return Reading.builder(id, T, T).put("u", v).put("ok", true).build();
  }

  @Test
  void array_manyDevices_validJsonInOrderWithUnits() throws Exception {
    catalog.declare("a", List.of(MetricInfo.of("u", "Voltage", "V")));
    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < 25; i++) readings.add(reading(i % 2 == 0 ? "a" + i : "d" + i, i));
    catalog.declare("a24", List.of(MetricInfo.of("u", "Voltage", "V")));
    byte[] whole = json.array(readings);
    assertThat(json.array(readings)).as("served again from the cache").isEqualTo(whole);
    JsonNode tree = Json.MAPPER.readTree(whole);
    assertThat(tree.isArray()).isTrue();
    assertThat(tree).hasSize(25);
    assertThat(tree.get(24).get("device_id").asText()).isEqualTo("a24");
    assertThat(tree.get(24).toString()).contains("\"V\"");
  }

  @Test
  void array_noReadings_emptyArray() {
    assertThat(new String(json.array(List.of()), StandardCharsets.UTF_8)).isEqualTo("[]");
  }

  @Test
  void entry_readingReplaced_reserialisedNotServedStale() {
    Reading first = reading("a", 1);
    assertThat(new String(json.array(List.of(first)), StandardCharsets.UTF_8)).contains("1.0");
    Reading next = reading("a", 2);
    assertThat(new String(json.array(List.of(next)), StandardCharsets.UTF_8)).contains("2.0").doesNotContain("1.0");
  }
}
