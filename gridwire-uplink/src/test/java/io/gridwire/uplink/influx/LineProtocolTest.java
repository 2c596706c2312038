package io.gridwire.uplink.influx;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LineProtocolTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00.000000123Z");

  @Test
  void line_mixedValues_typedFieldsSortedTagsNanoTime() {
    Reading r = Reading.builder("gen-1", T, T).put("u", 400.5).put("on", true).put("mode", "auto").put("count", 3)
        .build();
    String line = LineProtocol.line("gridwire", new TreeMap<>(Map.of("device", "gen-1", "site", "s1",
        "source", "modbus")), r);
    assertThat(line).isEqualTo("gridwire,device=gen-1,site=s1,source=modbus u=400.5,on=true,mode=\"auto\",count=3.0 "
        + "1767225600000000123");
  }

  @Test
  void line_specialCharacters_escapedPerPosition() {
    Reading r = Reading.builder("d", T, T).put("a b,c=d", "say \"hi\" \\ ok").build();
    String line = LineProtocol.line("my m,x", new TreeMap<>(Map.of("site", "plant a,b=c")), r);
    assertThat(line).isEqualTo("my\\ m\\,x,site=plant\\ a\\,b\\=c a\\ b\\,c\\=d=\"say \\\"hi\\\" \\\\ ok\" "
        + "1767225600000000123");
  }

  @Test
  void line_noDataNanAndEmptyTags_leftOut() {
    Reading r = Reading.builder("d", T, T).put("gone", Value.SENTINEL).put("nan", Double.NaN).put("ok", 1.0).build();
    assertThat(LineProtocol.line("m", new TreeMap<>(Map.of("device", "d", "site", "")), r))
        .isEqualTo("m,device=d ok=1.0 1767225600000000123");
  }

  @Test
  void line_onlyNoData_null() {
    Reading r = Reading.builder("d", T, T).put("gone", Value.COMM_LOST).build();
    assertThat(LineProtocol.line("m", new TreeMap<>(), r)).isNull();
  }
}
