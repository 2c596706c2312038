package io.gridwire.mqtt.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.reading.Value;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Non-finite numbers in an MQTT JSON payload become no-data {@code out_of_range}, never text or an attribute. */
class NonFinitePayloadTest {
  private final PayloadParser parser = new PayloadParser(4096, 4);

  @Test
  void parse_nonFiniteNumbers_outOfRangeNoData() {
    String json = "{\"serial_number\":\"SN1\",\"a\":1e999,\"b\":-1e999,\"c\":" + "9".repeat(400)
        + ",\"d\":\"NaN\",\"e\":\"Infinity\",\"f\":\"-Inf\",\"g\":\"1e999\",\"ok\":2.5,\"label\":\"x\"}";
    var p = (IngestPayload.Parsed) parser.parse(json.getBytes(StandardCharsets.UTF_8));
    for (String k : new String[] {"a", "b", "c", "d", "e", "f", "g"}) {
      assertThat(p.values()).as(k).containsEntry(k, Value.OUT_OF_RANGE);
      assertThat(p.attributes()).as(k).doesNotContainKey(k);
    }
    assertThat(p.values()).containsEntry("ok", Value.of(2.5));
    assertThat(p.attributes()).containsEntry("label", "x");
  }
}
