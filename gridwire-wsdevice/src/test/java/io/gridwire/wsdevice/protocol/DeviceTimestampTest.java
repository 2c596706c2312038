package io.gridwire.wsdevice.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeviceTimestampTest {
  static final Instant RECEIVED = Instant.parse("2025-10-27T12:00:05Z");
  static final JsonNodeFactory F = JsonNodeFactory.instance;

  static DeviceTimestamp of(JsonNode v) {
    return DeviceTimestamp.of(v, RECEIVED);
  }

  @Test
  void of_plausibleForms_usedAsIs() {
    assertThat(of(F.textNode("2025-10-27T12:00:00"))).isEqualTo(new DeviceTimestamp(Instant.parse("2025-10-27T12:00:00Z"), null));
    assertThat(of(F.textNode("2025-10-27T13:00:00+01:00")).at()).isEqualTo(Instant.parse("2025-10-27T12:00:00Z"));
    assertThat(of(F.numberNode(1761566400)).at()).isEqualTo(Instant.parse("2025-10-27T12:00:00Z"));
    assertThat(of(F.numberNode(1761566400000L)).at()).isEqualTo(Instant.parse("2025-10-27T12:00:00Z"));
  }

  @Test
  void of_absent_receiveTimeWithoutProblem() {
    assertThat(of(null)).isEqualTo(new DeviceTimestamp(RECEIVED, null));
  }

  @Test
  void of_impossibleValues_receiveTimeWithReason() {
    JsonNode[] bad = {F.textNode("99999-99-99"), F.textNode("0001-01-01T00:00:00Z"), F.numberNode(1e30),
        F.textNode("2025-10-29T12:00:00Z"), F.numberNode(-5), F.booleanNode(true)};
    for (JsonNode v : bad) {
      DeviceTimestamp t = of(v);
      assertThat(t.at()).as(v.toString()).isEqualTo(RECEIVED);
      assertThat(t.problem()).as(v.toString()).startsWith("timestamp ").contains("the receive time is used");
    }
    assertThat(of(F.textNode("0001-01-01T00:00:00Z")).problem()).contains("impossible (0001-01-01T00:00:00Z)");
  }
}
