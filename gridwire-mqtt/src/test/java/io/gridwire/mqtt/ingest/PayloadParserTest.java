package io.gridwire.mqtt.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.reading.Value;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PayloadParserTest {
  private final PayloadParser parser = new PayloadParser(1024, 4);

  private IngestPayload parse(String json) {
    return parser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parse_nestedObject_flattensWithUnderscore() {
    var p = (IngestPayload.Parsed) parse(
        "{\"serial_number\":\"SN1\",\"battery_voltage\":24.5,\"relay\":{\"1\":true},\"ai\":{\"ch1\":4.2},\"label\":\"x\"}");
    assertThat(p.serial()).isEqualTo("SN1");
    assertThat(p.values()).containsExactly(
        java.util.Map.entry("battery_voltage", Value.of(24.5)),
        java.util.Map.entry("relay_1", Value.TRUE),
        java.util.Map.entry("ai_ch1", Value.of(4.2)));
    assertThat(p.attributes()).containsEntry("label", "x").containsEntry("battery_voltage", "24.5");
  }

  @Test
  void parse_alarmsObject_keepsStateSeverityAndNameAsValues() {
    var p = (IngestPayload.Parsed) parse("{\"serial_number\":\"SN1\",\"alarms\":{\"low_fuel\":"
        + "{\"active\":true,\"severity\":\"critical\",\"name\":\"Fuel low\"}},\"label\":\"x\"}");
    assertThat(p.values()).containsEntry("alarms_low_fuel_active", Value.TRUE)
        .containsEntry("alarms_low_fuel_severity", Value.of("critical"))
        .containsEntry("alarms_low_fuel_name", Value.of("Fuel low"))
        .doesNotContainKey("label");
  }

  @Test
  void parse_nullValue_isNoDataNotZero() {
    var p = (IngestPayload.Parsed) parse("{\"serial_number\":\"SN1\",\"coolant_temp\":null}");
    assertThat(p.values()).containsEntry("coolant_temp", Value.ABSENT);
  }

  @Test
  void parse_keys_becomeSnakeCase() {
    var p = (IngestPayload.Parsed) parse("{\"serial_number\":\"SN1\",\"Solar Power\":1500}");
    assertThat(p.values()).containsKey("solar_power");
  }

  @Test
  void parse_timestampForms_areRead() {
    assertThat(((IngestPayload.Parsed) parse("{\"serial_number\":\"S\",\"timestamp\":\"2025-10-17T10:00:00Z\"}"))
        .timestamp()).isEqualTo(Instant.parse("2025-10-17T10:00:00Z"));
    assertThat(((IngestPayload.Parsed) parse("{\"serial_number\":\"S\",\"timestamp\":\"2025-10-27T12:00:00\"}"))
        .timestamp()).isEqualTo(Instant.parse("2025-10-27T12:00:00Z"));
    assertThat(((IngestPayload.Parsed) parse("{\"serial_number\":\"S\",\"timestamp\":1760695200}")).timestamp())
        .isEqualTo(Instant.parse("2025-10-17T10:00:00Z"));
    assertThat(((IngestPayload.Parsed) parse("{\"serial_number\":\"S\",\"timestamp\":1760695200000}")).timestamp())
        .isEqualTo(Instant.parse("2025-10-17T10:00:00Z"));
    assertThat(((IngestPayload.Parsed) parse("{\"serial_number\":\"S\",\"timestamp\":\"yesterday\"}")).timestamp())
        .isNull();
  }

  @Test
  void parse_badInputs_areRejectedByKind() {
    assertThat(reason("not json")).isEqualTo(RejectReason.NOT_JSON);
    assertThat(reason("[1,2]")).isEqualTo(RejectReason.NOT_JSON);
    assertThat(reason("{\"serial_number\":")).isEqualTo(RejectReason.NOT_JSON);
    assertThat(reason("{\"value\":1}")).isEqualTo(RejectReason.NO_SERIAL);
    assertThat(reason("{\"serial_number\":\"  \"}")).isEqualTo(RejectReason.NO_SERIAL);
    assertThat(reason("{\"serial_number\":{\"a\":1}}")).isEqualTo(RejectReason.NO_SERIAL);
    assertThat(reason("{\"serial_number\":\"S\",\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}}}")).isEqualTo(RejectReason.TOO_DEEP);
    assertThat(reason("{\"serial_number\":\"S\",\"pad\":\"" + "x".repeat(2000) + "\"}")).isEqualTo(RejectReason.OVERSIZE);
  }

  @Test
  void parse_depthAtLimit_isAccepted() {
    assertThat(parse("{\"serial_number\":\"S\",\"a\":{\"b\":{\"c\":1}}}")).isInstanceOf(IngestPayload.Parsed.class);
  }

  private RejectReason reason(String json) {
    return ((IngestPayload.Rejected) parse(json)).reason();
  }
}
