package io.gridwire.mqtt.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.reading.NumberText;
import io.gridwire.core.reading.Value;
import io.gridwire.testkit.Fuzzer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Standing fuzz test of MQTT payload parsing and flattening on mutated datalogger payloads:
 * every payload is parsed or rejected with a reason (no exception), the field count stays
 * bounded, no value is a non-finite number and no attribute names one. Time per run:
 * {@link Fuzzer#budget()}.
 */
class PayloadFuzzTest {
  private static final int MAX_BYTES = 8192;
  private final PayloadParser parser = new PayloadParser(MAX_BYTES, 6);

  private static final List<byte[]> CORPUS = Fuzzer.tokens(
      "{\"serial_number\":\"SN1\",\"battery_voltage\":24.5,\"relay\":{\"1\":true},\"ai\":{\"ch1\":4.2},\"label\":\"x\"}",
      "{\"serial_number\":\"SN2\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"power\":-1500,\"temp\":null,\"t\":[1,2]}",
      "{\"serial_number\":\"SN3\",\"timestamp\":1767225600,\"gen\":{\"uab\":400.1,\"freq\":{\"hz\":50}}}",
      "{\"serial_number\":\"SN4\",\"v\":1}");
  private static final List<byte[]> TOKENS = Fuzzer.tokens("1e999", "-1e999", "NaN", "\"NaN\"", "\"Infinity\"", "\"-Inf\"",
      "9".repeat(400), "{", "}", "[", "]", ",", ":", "\"", "\\u0000", "{\"a\":", "null", "true", "0.5e-400", "\"1e999\"");

  @Test
  void parse_mutatedPayloads_parsedOrRejectedAndNumbersFinite() {
    new Fuzzer(CORPUS, TOKENS).run(bytes -> {
      IngestPayload p = parser.parse(bytes);
      assertThat(p).isNotNull();
      if (!(p instanceof IngestPayload.Parsed parsed)) return;
      assertThat(parsed.values().size() + parsed.attributes().size()).isLessThanOrEqualTo(1024);
      parsed.values().forEach((k, v) -> {
        assertThat(v).as(k).isNotInstanceOf(Value.Text.class);
        if (v instanceof Value.Num n) assertThat(n.value()).as(k).isFinite();
      });
      parsed.attributes().forEach((k, a) -> assertThat(NumberText.isNonFinite(a)).as(k + " = " + a).isFalse());
    });
  }

  @Test
  void parse_tokensAlone_neverThrow() {
    for (byte[] t : TOKENS) assertThat(parser.parse(t)).isNotNull();
    assertThat(parser.parse(("{\"serial_number\":\"S\",\"a\":\"" + "x".repeat(MAX_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IngestPayload.Rejected.class);
  }
}
