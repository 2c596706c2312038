package io.gridwire.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.device.Device;
import io.gridwire.core.device.Source;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadingCodecTest {
  private static final Instant T = Instant.parse("2025-10-27T12:00:00Z");
  private final ReadingCodec codec = new ReadingCodec();

  @Test
  void metricsNamedLikeHashFields_keptApartFromPresenceAndReadBack() throws Exception {
    Reading r = Reading.builder("dl-1", T, T).put("online", false).put("error", "E42").put("timestamp", 7)
        .put("_metric_x", 1).put("temp", Value.SENTINEL).put("p", 21.5).build();
    Device d = new Device("dl-1", "MKZ", "datalogger", Source.MQTT, null, null, "dl-1", true, T, null, Map.of());

    Map<String, String> hash = new HashMap<>(codec.presenceFields(d)); // HSET of presence, then of the reading
    hash.putAll(codec.toHash(r, "node-a"));

    assertThat(hash).containsEntry("online", "true").containsEntry("error", "null").containsEntry("site_code", "\"MKZ\"")
        .containsEntry("_metric_online", "false").containsEntry("_metric_error", "\"E42\"").containsEntry("_metric_timestamp", "7")
        .containsEntry("_metric__metric_x", "1").containsEntry("p", "21.5").containsEntry("timestamp", T.toString());
    assertThat(codec.fromHash(hash)).isEqualTo(r);
  }
}
