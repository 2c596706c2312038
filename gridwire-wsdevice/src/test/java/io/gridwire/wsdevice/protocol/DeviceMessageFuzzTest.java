package io.gridwire.wsdevice.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.reading.NumberText;
import io.gridwire.core.reading.Value;
import io.gridwire.testkit.Fuzzer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Standing fuzz test of WebSocket device JSON on mutated device messages: every message is a
 * declared {@link DeviceMessage} (no exception), telemetry holds a bounded number of values, no
 * non-finite number and no text naming one. Time per run: {@link Fuzzer#budget()}.
 */
class DeviceMessageFuzzTest {
  private final DeviceMessageParser parser = new DeviceMessageParser(16_384, 8);

  private static final List<byte[]> CORPUS = Fuzzer.tokens(
      "{\"timestamp\":\"2026-01-01 00:00:00\",\"power\":1500,\"state\":\"run\",\"alarm\":false,\"phases\":[230.1,231,229.9]}",
      "{\"type\":\"hello\",\"kind\":\"meter\",\"name\":\"M1\",\"site\":\"s\",\"model\":\"x\"}",
      "{\"command_id\":\"c1\",\"ok\":true}",
      "{\"gen\":{\"uab\":400.1,\"oil\":{\"p\":3.2}},\"timestamp\":1767225600}");
  private static final List<byte[]> TOKENS = Fuzzer.tokens("1e999", "-1e999", "\"NaN\"", "\"-Infinity\"", "\"Inf\"",
      "9".repeat(90) + "e300", "{", "}", "[", "]", ",", ":", "\"", "null", "{\"a\":[[[[", "\\ud800", "-0", "1e-999");

  @Test
  void parse_mutatedMessages_declaredAndNumbersFinite() {
    new Fuzzer(CORPUS, TOKENS).run(bytes -> {
      DeviceMessage m = parser.parse(new String(bytes, StandardCharsets.UTF_8), "ws-1", Instant.EPOCH);
      assertThat(m).isNotNull();
      if (!(m instanceof DeviceMessage.Telemetry t)) return;
      assertThat(t.reading().values()).hasSizeLessThanOrEqualTo(2000);
      t.reading().values().forEach((k, v) -> {
        if (v instanceof Value.Num n) assertThat(n.value()).as(k).isFinite();
        if (v instanceof Value.Text s) assertThat(NumberText.isNonFinite(s.value())).as(k + " = " + s.value()).isFalse();
      });
    });
  }
}
