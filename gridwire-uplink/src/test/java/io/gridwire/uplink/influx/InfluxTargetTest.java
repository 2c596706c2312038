package io.gridwire.uplink.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class InfluxTargetTest {
  @Test
  void v1_writeUri_databaseRetentionAndNanoPrecision() {
    InfluxTarget t = new InfluxTarget.V1("my db", "week", null, null);
    assertThat(t.writeUri(URI.create("http://127.0.0.1:8086/"))).hasToString(
        "http://127.0.0.1:8086/write?db=my+db&rp=week&precision=ns");
    assertThat(t.authorization()).isNull();
  }

  @Test
  void v1_withUser_basicAuthAndMaskedToString() {
    InfluxTarget t = new InfluxTarget.V1("db", null, "u", "p");
    assertThat(t.authorization()).isEqualTo("Basic dTpw");
    assertThat(t.toString()).doesNotContain("p]").contains("***");
  }

  @Test
  void v2_writeUri_orgBucketAndTokenHeader() {
    InfluxTarget t = new InfluxTarget.V2("acme", "energy", "tok");
    assertThat(t.writeUri(URI.create("https://influx.example:8086/prefix"))).hasToString(
        "https://influx.example:8086/prefix/api/v2/write?org=acme&bucket=energy&precision=ns");
    assertThat(t.authorization()).isEqualTo("Token tok");
    assertThat(t.toString()).doesNotContain("tok]");
  }

  @Test
  void v2_missingToken_rejectedWithKey() {
    assertThatThrownBy(() -> new InfluxTarget.V2("a", "b", " ")).hasMessageContaining("influx.token");
  }

  @Test
  void classify_statuses_outcomes() {
    assertThat(InfluxWriter.classify(204, "", 10)).isInstanceOf(WriteOutcome.Written.class);
    assertThat(InfluxWriter.classify(400, "{\"error\":\"partial write: bad dropped=2\"}", 10))
        .isEqualTo(new WriteOutcome.Rejected(2, "HTTP 400: {\"error\":\"partial write: bad dropped=2\"}"));
    assertThat(InfluxWriter.classify(400, "unable to parse", 10)).extracting(o -> ((WriteOutcome.Rejected) o).dropped())
        .isEqualTo(10);
    assertThat(InfluxWriter.classify(413, "", 10)).isInstanceOf(WriteOutcome.TooLarge.class);
    assertThat(InfluxWriter.classify(503, "busy", 10)).isInstanceOf(WriteOutcome.Retry.class);
    assertThat(InfluxWriter.classify(404, "database not found", 10)).isInstanceOf(WriteOutcome.Retry.class);
    assertThat(InfluxWriter.classify(401, "", 10)).isInstanceOf(WriteOutcome.Retry.class);
  }
}
