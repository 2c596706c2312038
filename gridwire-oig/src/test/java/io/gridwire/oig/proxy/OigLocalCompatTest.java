package io.gridwire.oig.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.core.admission.DeviceAdmission;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.oig.codec.Decoded;
import io.gridwire.oig.codec.OigFrame;
import io.gridwire.oig.codec.OigFrameParser;
import io.gridwire.oig.compat.OigLocalPublisher;
import io.gridwire.oig.field.OigFieldTable;
import io.gridwire.oig.field.ReadingMapper;
import io.gridwire.oig.sim.BoxFrames;
import io.gridwire.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A box frame through the proxy's telemetry reaches the community proxy's topics and entity ids. */
class OigLocalCompatTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");
  private final Map<String, String> retained = new ConcurrentHashMap<>();
  private final AtomicInteger configsSent = new AtomicInteger();
  private final ManualClock clock = ManualClock.at("2026-02-17T08:05:08Z");
  private final OigLocalPublisher compat = new OigLocalPublisher((topic, payload, retain) -> {
    if (retain) retained.put(topic, new String(payload, StandardCharsets.UTF_8));
    if (topic.endsWith("/config")) configsSent.incrementAndGet();
    return CompletableFuture.completedFuture(null);
  }, "homeassistant", "gridwire_gw", "1.0", clock);

  @Test
  void boxFrame_compatOn_stateUnderBoxFieldNamesAndProxyEntityIds() throws Exception {
    try (Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
        Bus<Event> events = new Bus<>("events", e -> "")) {
      DeviceRegistry registry = new DeviceRegistry(events, Clock.systemUTC());
      Telemetry t = new Telemetry(new ReadingMapper(OigFieldTable.standard(), PRAGUE), readings, events, registry,
          new MetricCatalog(), new DeviceAdmission(registry, null, Clock.systemUTC()));
      t.onTable(compat);
      BoxFrames frames = new BoxFrames("2206237016", PRAGUE, 1);
      OigFrame frame = parse(frames.table("tbl_actual", clock.instant(), "ACI_WR", "630", "BAT_C", "100", "ENBL", "1",
          "Temp", "21.5"));
      t.admit(frame);
      t.onBoxFrame(frame, clock.instant());

      JsonNode state = JSON.readTree(retained.get("oig_local/2206237016/tbl_actual/state"));
      assertThat(state.get("ACI_WR").asInt()).isEqualTo(630);
      assertThat(state.get("Temp").asDouble()).isEqualTo(21.5);
      assertThat(retained).containsEntry("oig_local/2206237016/availability", "online");
      JsonNode soc = JSON.readTree(retained.get("homeassistant/sensor/oig_local_2206237016_tbl_actual_bat_c/config"));
      assertThat(soc.get("default_entity_id").asText()).isEqualTo("sensor.oig_local_2206237016_tbl_actual_bat_c");
      assertThat(soc.get("object_id").asText()).isEqualTo("oig_local_2206237016_tbl_actual_bat_c");
      assertThat(soc.get("value_template").asText()).isEqualTo("{{ value_json.get('BAT_C') }}");
      assertThat(soc.get("unit_of_measurement").asText()).isEqualTo("%");
      assertThat(soc.get("device").get("via_device").asText()).isEqualTo("gridwire_gw");
      JsonNode enabled = JSON.readTree(retained.get("homeassistant/binary_sensor/oig_local_2206237016_tbl_actual_enbl/config"));
      assertThat(enabled.get("payload_on").asInt()).isEqualTo(1);
      assertThat(retained).containsKey("homeassistant/sensor/oig_local_2206237016_tbl_actual_temp/config");
    }
  }

  @Test
  void repeatedFrames_configsOnceUntilReannounceInterval() {
    var f = new io.gridwire.oig.compat.TableFrame("b1", "tbl_batt", 0,
        Map.of("BAT_V", io.gridwire.core.reading.Value.of(52.1)), Map.of());
    compat.accept(f);
    compat.accept(f);
    assertThat(configsSent.get()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(16));
    compat.accept(f);
    assertThat(configsSent.get()).isEqualTo(2);
    compat.accept(new io.gridwire.oig.compat.TableFrame("b1", "tbl_batt_prms", 2,
        Map.of("BAT_MIN", io.gridwire.core.reading.Value.of(20)), Map.of()));
    assertThat(retained).doesNotContainKey("oig_local/b1/tbl_batt_prms/state");
  }

  private static OigFrame parse(byte[] raw) {
    return ((Decoded.Ok) OigFrameParser.parse(raw)).frame();
  }
}
