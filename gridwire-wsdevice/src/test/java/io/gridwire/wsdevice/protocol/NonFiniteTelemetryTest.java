package io.gridwire.wsdevice.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.reading.Value;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Non-finite numbers in a WebSocket device's telemetry become no-data {@code out_of_range} (once stored as "-Infinity"). */
class NonFiniteTelemetryTest {
  private final DeviceMessageParser parser = new DeviceMessageParser(65_536, 8);

  @Test
  void parse_nonFiniteNumbers_outOfRangeNoData() {
    String json = "{\"a\":-1e999,\"b\":1e999,\"c\":" + "9".repeat(90) + "e300"
        + ",\"d\":\"NaN\",\"e\":\"Infinity\",\"f\":\"-Inf\",\"ok\":3,\"label\":\"run\"}";
    var t = (DeviceMessage.Telemetry) parser.parse(json, "ws-1", Instant.EPOCH);
    for (String k : new String[] {"a", "b", "c", "d", "e", "f"}) {
      assertThat(t.reading().values()).as(k).containsEntry(k, Value.OUT_OF_RANGE);
    }
    assertThat(t.reading().values()).containsEntry("ok", Value.of(3)).containsEntry("label", Value.of("run"));
  }

  @Test
  void parse_fourHundredDigits_rejectedBeforeAnyValue() {
    assertThat(parser.parse("{\"a\":" + "9".repeat(400) + "}", "ws-1", Instant.EPOCH)).isInstanceOf(DeviceMessage.Invalid.class);
  }
}
