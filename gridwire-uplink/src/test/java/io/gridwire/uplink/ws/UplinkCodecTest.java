package io.gridwire.uplink.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.port.QueueEntry;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UplinkCodecTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  private static Reading reading() {
    return Reading.builder("gen-1", T, T).put("gen_uab", 400.5).put("batt_soc", 80).put("alarm", false)
        .put("coolant_temp", Value.SENTINEL).build();
  }

  @Test
  void draft_reading_topicPerDeviceAndJsonValuesWithNulls() {
    QueueEntry.Draft d = UplinkCodec.draft(reading(), "site1", UplinkFilter.ALL, T.plusSeconds(1));
    assertThat(d.key()).isEqualTo("gen-1");
    assertThat(d.topic()).isEqualTo("site1/gen-1/state");
    assertThat(d.createdAt()).isEqualTo(T.plusSeconds(1));
    assertThat(d.text()).isEqualTo("{\"device_id\":\"gen-1\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"values\":"
        + "{\"gen_uab\":400.5,\"batt_soc\":80.0,\"alarm\":false,\"coolant_temp\":null}}");
  }

  @Test
  void draft_filters_keepMatchingDevicesAndMetricsOnly() {
    UplinkFilter f = new UplinkFilter(List.of("gen-*"), List.of("gen_*"));
    assertThat(UplinkCodec.draft(reading(), "p", f, T).text()).contains("gen_uab").doesNotContain("batt_soc");
    assertThat(UplinkCodec.draft(Reading.builder("inv-1", T, T).put("gen_uab", 1).build(), "p", f, T)).isNull();
    assertThat(UplinkCodec.draft(Reading.builder("gen-2", T, T).put("x", 1).build(), "p", f, T)).isNull();
  }

  @Test
  void envelope_entry_addOnFieldsStableIdNoSecret() {
    QueueEntry e = new QueueEntry(42, "gen-1", T, "p/gen-1/state", "{\"a\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(UplinkCodec.envelope(e, "inst", "p", "u-1")).isEqualTo("{\"id\":\"inst-42\",\"seq\":42,"
        + "\"mqttTopicPrefix\":\"p\",\"topic\":\"p/gen-1/state\",\"message\":\"{\\\"a\\\":1}\",\"userId\":\"u-1\","
        + "\"timestamp\":\"2026-01-01T00:00:00Z\"}");
  }

  @Test
  void parse_brokerMessages_typed() {
    assertThat(UplinkCodec.parse("{\"type\":\"auth_ok\",\"userId\":\"u\",\"acks\":true}"))
        .isEqualTo(new BrokerMessage.AuthOk("u", true));
    assertThat(UplinkCodec.parse("{\"type\":\"auth_ok\"}")).isEqualTo(new BrokerMessage.AuthOk(null, false));
    assertThat(UplinkCodec.parse("{\"type\":\"auth_error\",\"reason\":\"no\"}"))
        .isEqualTo(new BrokerMessage.AuthError("no"));
    assertThat(UplinkCodec.parse("{\"type\":\"ack\",\"id\":\"a\",\"ids\":[\"b\",\"c\"]}"))
        .isEqualTo(new BrokerMessage.Ack(List.of("a", "b", "c")));
    assertThat(UplinkCodec.parse("not json")).isEqualTo(new BrokerMessage.Other("malformed"));
    assertThat(UplinkCodec.parse("{\"type\":\"pong\"}")).isEqualTo(new BrokerMessage.Other("pong"));
  }
}
